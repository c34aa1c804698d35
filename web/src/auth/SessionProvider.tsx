// Who is signed in, for every page: the OpenID session (tokens) and what the API says of the person (/v1/me: the
// principal and the grants valid now). Pages ask `useSession()`; the menu and each form follow the grants, while the
// API decides every request on its own.
import { useQuery } from '@tanstack/react-query';
import type { User, UserManager } from 'oidc-client-ts';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap, useAccessTokenFrom } from '../api/client';
import { CALLBACK_PATH, completeSignIn, createUserManager, signIn, signOut } from './session';
import type { WebConfig } from './web-config';

type Me = NonNullable<Awaited<ReturnType<typeof fetchMe>>>;
export type Grant = Me['grants'][number];

async function fetchMe() {
  return unwrap(api.GET('/v1/me'));
}

interface Session {
  config: WebConfig;
  user: User | null;
  me: Me | undefined;
  /** Set while the redirect back from the provider is being completed. */
  completing: boolean;
  error: Error | null;
  signIn: () => Promise<void>;
  signOut: () => Promise<void>;
  /** Grants of a role valid now, e.g. to offer the start-a-cycle form only to coordinators. */
  grantsOf: (...roles: Grant['role'][]) => Grant[];
}

const SessionContext = createContext<Session | null>(null);

function useOidcUser(manager: UserManager): {
  user: User | null;
  completing: boolean;
  error: Error | null;
  returnTo: string | null;
} {
  const [user, setUser] = useState<User | null>(null);
  const [completing, setCompleting] = useState(window.location.pathname === CALLBACK_PATH);
  const [error, setError] = useState<Error | null>(null);
  const [returnTo, setReturnTo] = useState<string | null>(null);
  useEffect(() => {
    const loaded = (next: User | null) => setUser(next && !next.expired ? next : null);
    const unsubscribe = [
      manager.events.addUserLoaded(loaded),
      manager.events.addUserUnloaded(() => setUser(null)),
      manager.events.addSilentRenewError(() => setUser(null)),
    ];
    const start =
      window.location.pathname === CALLBACK_PATH
        ? completeSignIn(manager).then(({ user: signedIn, returnTo: target }) => {
            setReturnTo(target);
            return signedIn;
          })
        : manager.getUser();
    start
      .then(loaded)
      .catch((failure: unknown) => setError(failure instanceof Error ? failure : new Error(String(failure))))
      .finally(() => setCompleting(false));
    return () => unsubscribe.forEach((stop) => stop());
  }, [manager]);
  return { user, completing, error, returnTo };
}

export function SessionProvider({ config, children }: { config: WebConfig; children: ReactNode }) {
  const manager = useMemo(() => createUserManager(config), [config]);
  const { user, completing, error, returnTo } = useOidcUser(manager);
  useAccessTokenFrom(() => user?.access_token);
  const me = useQuery({ queryKey: ['me', user?.profile.sub], queryFn: fetchMe, enabled: user !== null });
  const navigate = useNavigate();
  // Once: react-router gives `navigate` a new identity on every location change.
  const returnedTo = useRef<string | null>(null);
  useEffect(() => {
    if (!returnTo || returnedTo.current === returnTo) return;
    returnedTo.current = returnTo;
    void navigate(returnTo, { replace: true });
  }, [returnTo, navigate]);
  const session: Session = {
    config,
    user,
    me: me.data,
    completing,
    error: error ?? (me.error instanceof Error ? me.error : null),
    signIn: () => signIn(manager),
    signOut: () => signOut(manager),
    grantsOf: (...roles) => (me.data?.grants ?? []).filter((grant) => roles.includes(grant.role)),
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
