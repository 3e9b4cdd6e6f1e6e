import { api, ApiError, onUnauthorized } from '../api/http-client';
import type { Me, Permission } from '../api/types';
import { createStore, useStore } from '../live/store';

/** Where the console stands with the server's session cookie. */
export type Session =
  | { status: 'checking' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; me: Me };

export const sessionStore = createStore<Session>({ status: 'checking' });

// Any 401 from any call means the cookie is gone or stale: back to the login screen.
onUnauthorized(() => {
  if (sessionStore.get().status === 'signed-in')
    sessionStore.set({ status: 'signed-out', expired: true });
});

/** Asks the server who the cookie belongs to. */
export async function loadSession(): Promise<void> {
  try {
    const me = await api<Me>('/auth/me');
    sessionStore.set({ status: 'signed-in', me });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      sessionStore.set({ status: 'signed-out', expired: false });
    } else {
      sessionStore.set({
        status: 'unreachable',
        message: String((error as Error).message ?? error),
      });
    }
  }
}

/** Signs in; the server sets the session cookie. Throws the ApiError of a refused login. */
export async function login(username: string, password: string): Promise<void> {
  await api('/auth/login', { method: 'POST', body: { username, password } });
  await loadSession();
}

export async function logout(): Promise<void> {
  try {
    await api('/auth/logout', { method: 'POST', body: {} });
  } finally {
    sessionStore.set({ status: 'signed-out', expired: false });
  }
}

/** The signed-in user and permissions; only for components rendered inside the signed-in shell. */
export function useMe(): Me {
  const session = useStore(sessionStore, (value) => value);
  if (session.status !== 'signed-in') throw new Error('useMe outside a signed-in session');
  return session.me;
}

/** True when the signed-in user holds the permission. */
export function useCan(permission: Permission): boolean {
  return useStore(sessionStore, (session) =>
    session.status === 'signed-in' ? session.me.permissions.includes(permission) : false,
  );
}
