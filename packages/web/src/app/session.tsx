import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { authApi, type Session } from '@kith/domain/auth/auth.api.ts';
import { can, type Action, type Role } from '@kith/domain/permissions/permissions.ts';
import { isApiError } from '../lib/api-client.ts';
import { call } from '../lib/api-call.ts';

export type { Role };

const SessionContext = createContext<Session | null>(null);

export const SESSION_KEY = ['session'] as const;

/** The signed-in session, or null when nobody is signed in (401). */
export const sessionQuery = {
  queryKey: SESSION_KEY,
  queryFn: async (): Promise<Session | null> => {
    try {
      return (await call(authApi.session)).data;
    } catch (e) {
      if (isApiError(e) && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 60_000,
};

export function useSessionQuery() {
  return useQuery(sessionQuery);
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session | null {
  return useContext(SessionContext);
}

/** Inside the signed-in app, where a session always exists. */
export function useRequiredSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useRequiredSession outside the signed-in app');
  return s;
}

/**
 * Replace the session (signed out: null; another workspace: the new one) and forget every other cached
 * answer, which belonged to the previous one. The session query itself stays, so the screens watching it
 * follow at once.
 */
export function resetSession(qc: QueryClient, s: Session | null): void {
  qc.setQueryData(SESSION_KEY, s);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] && q.queryKey[0] !== 'setup' });
}

/** What the signed-in user may do, from the same table the server enforces (docs/permissions.md). */
export function useCan(): (action: Action) => boolean {
  const s = useSession();
  return (action) => (s ? can(s.role, action) : false);
}
