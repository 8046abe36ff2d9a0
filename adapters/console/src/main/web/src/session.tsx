import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError, request } from './api/client';
import type { Credits, Tier } from './api/types';

/**
 * Who is signed in, held in React state only: for the life of the tab, never in a URL, a cookie,
 * localStorage or sessionStorage (ADR 0026). Reloading the page or closing the tab signs out.
 */
export interface Session {
  /** The bearer the API is called with: an account key, the admin key, or an OIDC access token. */
  credential: string;
  role: 'account' | 'admin';
  via: 'key' | 'oidc';
  accountId: string | null;
  tier: Tier | null;
}

interface SessionContextValue {
  session: Session | null;
  signIn: (credential: string, via: 'key' | 'oidc') => Promise<void>;
  signOut: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Finds out what a credential is: an account's (its credits answer) or the administrator's (the
 * master-key status answers only to the admin). A wrong credential fails with the API's message.
 * A key shaped like the generated admin key (sg-admin-…) is asked as the admin first.
 */
export async function identify(credential: string, via: 'key' | 'oidc'): Promise<Session> {
  if (credential.startsWith('sg-admin-')) {
    try {
      await request<unknown>(credential, 'GET', '/api/v1/admin/master-key');
      return { credential, role: 'admin', via, accountId: null, tier: null };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw error;
      }
    }
  }
  try {
    const credits = await request<Credits>(credential, 'GET', '/api/v1/llm/credits');
    return { credential, role: 'account', via, accountId: credits.accountId, tier: credits.tier };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw error;
    }
    try {
      await request<unknown>(credential, 'GET', '/api/v1/admin/master-key');
      return { credential, role: 'admin', via, accountId: null, tier: null };
    } catch {
      throw error;
    }
  }
}

export function SessionProvider({ children, initial = null }: { children: ReactNode; initial?: Session | null }) {
  const [session, setSession] = useState<Session | null>(initial);
  const signIn = useCallback(async (credential: string, via: 'key' | 'oidc') => {
    setSession(await identify(credential.trim(), via));
  }, []);
  const signOut = useCallback(() => setSession(null), []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}

/** The signed-in session; pages are rendered only when there is one. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) {
    throw new Error('no session');
  }
  return session;
}
