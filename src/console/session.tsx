/**
 * The signed-in person, as the server says: `GET /auth/session` once, then whatever sign-in,
 * an accepted invitation or sign-out answer. Kept in TanStack Query's cache under ['session'];
 * its CSRF token goes to the API client. An admin call that answers 401 signs the console out
 * and marks the session expired, so that the sign-in page says why the reader is there.
 * Signing out and losing the session drop the mutations' cache (the secrets shown once are in
 * their answers).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { ApiError, api, onSessionLost, setCsrfToken } from './api.js';
import type { SessionBody, User } from './types.js';

export const SESSION_KEY = ['session'] as const;
/** Set when an admin call answered 401; dropped with the other queries at the next sign-in. */
const EXPIRED_KEY = ['session-expired'] as const;

async function fetchSession(): Promise<SessionBody | null> {
  try {
    return await api.get<SessionBody>('/auth/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** What a guarded page passes to the sign-in page when it sends the reader there (RequireSession). */
export interface SignInState {
  /** The page to go back to once signed in. */
  readonly from?: string;
  /** The session expired (an admin call answered 401): the sign-in page says so. */
  readonly expired?: boolean;
}

export interface Session {
  /** undefined while the first answer is awaited; null when signed out. */
  readonly user: User | null | undefined;
  readonly error: unknown;
  /** Whether the reader was signed out because an admin call answered 401 (not by "Sign out"). */
  readonly expired: boolean;
  /** Records what sign-in or an accepted invitation answered. */
  signedIn(body: SessionBody): void;
  signOut(): Promise<void>;
}

export function useSession(): Session {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: 1 });
  const body = query.data;
  useEffect(() => {
    if (body !== undefined) setCsrfToken(body?.csrfToken ?? null);
  }, [body]);
  const signedIn = useCallback(
    (next: SessionBody) => {
      setCsrfToken(next.csrfToken);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, next);
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/auth/logout');
    } finally {
      setCsrfToken(null);
      queryClient.getMutationCache().clear();
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, null);
    }
  }, [queryClient]);
  return {
    user: body === undefined ? (query.isError ? null : undefined) : (body?.user ?? null),
    error: query.error,
    expired: queryClient.getQueryData(EXPIRED_KEY) === true,
    signedIn,
    signOut,
  };
}

/** Marks the session gone when an admin call answers 401 (it expired, or was revoked). */
export function useSessionLostListener(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    onSessionLost(() => {
      setCsrfToken(null);
      queryClient.getMutationCache().clear();
      // before the session: the guarded pages read it when they see the session gone
      queryClient.setQueryData(EXPIRED_KEY, true);
      queryClient.setQueryData(SESSION_KEY, null);
    });
    return () => onSessionLost(null);
  }, [queryClient]);
}
