/**
 * The logged-in user's tokens, kept in localStorage so a reload (or a second tab) stays logged
 * in. The access token lasts 15 minutes; the client refreshes it with the refresh token.
 */
export type Role =
  'producer' | 'driver' | 'hospital' | 'dispatcher' | 'analyst' | 'admin' | 'partner';

export interface SessionUser {
  id: string;
  username: string;
  displayName?: string | null;
  role: Role;
  facilityId?: string | null;
  supplierId?: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

const KEY = 'oxyledger.session';
const listeners = new Set<() => void>();
let current: Session | null | undefined;

export function getSession(): Session | null {
  if (current === undefined) {
    try {
      current = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    } catch {
      current = null;
    }
  }
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
