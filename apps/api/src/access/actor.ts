import type { Actor as LedgerActor } from '@oxyledger/event-store';

export const ROLES = [
  'producer',
  'driver',
  'hospital',
  'dispatcher',
  'analyst',
  'admin',
  'partner',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act at one facility, which their user must name: a plant or a hospital. */
export const FACILITY_ROLES: readonly Role[] = ['producer', 'hospital'];

/** Roles that may belong to one supplier's fleet (a dispatcher without one is national). */
export const SUPPLIER_ROLES: readonly Role[] = ['dispatcher', 'driver'];

/**
 * Experts and partner organisations outside the supply chain: they may call only routes that
 * name `partner` in `@Roles` (the directory, help requests) or are marked `@ForEveryRole()`.
 */
export const OUTSIDE_ROLES: readonly Role[] = ['partner'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who is making the request, from their access token. Structurally an event-store `Actor`
 * (userId, role, facilityId), so it can go into event metadata as is.
 */
export interface Actor extends LedgerActor {
  userId: string;
  role: Role;
  /** The producer's plant or the hospital; only for `producer` and `hospital`. */
  facilityId?: string;
  /** The supplier whose fleet a dispatcher (or driver) works for; none: national dispatcher. */
  supplierId?: string;
  /**
   * A producer's plant's supplier: not in the token, read with the user's standing on each
   * request (`AccessCheck`, cached briefly). Never written into event metadata.
   */
  plantSupplierId?: string;
}

/**
 * The parts of an HTTP request the access layer reads (express's, without depending on its
 * types). After the JWT guard, `user` is the authenticated actor (Passport's slot).
 */
export interface AuthenticatedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined> & { authorization?: string };
  user?: Actor;
}
