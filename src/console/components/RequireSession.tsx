import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession, type SignInState } from '../session.js';
import { Loading } from './QueryState.js';

/**
 * The pages behind sign-in: a reader without a session goes to /accedi, and comes back after.
 * When the session expired (an admin call answered 401) the sign-in page says so.
 */
export function RequireSession() {
  const { user, expired } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/accedi" replace state={{ from, expired } satisfies SignInState} />;
  }
  return <Outlet />;
}
