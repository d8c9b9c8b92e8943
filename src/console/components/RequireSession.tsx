import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../session.js';
import { Loading } from './QueryState.js';

/** The pages behind sign-in: a reader without a session goes to /accedi, and comes back after. */
export function RequireSession() {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/accedi" replace state={{ from }} />;
  }
  return <Outlet />;
}
