import type { UserView } from '../api/views';

export const ROLES = [
  'analyst',
  'dispatcher',
  'hospital',
  'producer',
  'driver',
  'admin',
  'partner',
] as const;
export type Role = (typeof ROLES)[number];

/** Where a role's scope lives: its facility, its supplier (fleet), or nowhere (national). */
export function scopeKind(role: string): 'facility' | 'supplier' | 'none' {
  if (role === 'hospital' || role === 'producer') return 'facility';
  if (role === 'dispatcher' || role === 'driver') return 'supplier';
  return 'none';
}

/** The scope fields of a user of this role; the other scope is cleared. */
export function scopeFields(role: string, scope: string) {
  const value = scope.trim() === '' ? null : scope.trim();
  switch (scopeKind(role)) {
    case 'facility':
      return { facilityId: value, supplierId: null };
    case 'supplier':
      return { facilityId: null, supplierId: value };
    default:
      return { facilityId: null, supplierId: null };
  }
}

export interface UserDraft {
  displayName: string;
  role: Role;
  scope: string;
  active: boolean;
  /** A driver's home plant: where their trips start. */
  homePlantId: string;
}

/** The user as the admin api shows it; `homePlantId` once the api has it. */
type EditedUser = UserView & { homePlantId?: string | null };

export function userDraft(user: EditedUser): UserDraft {
  return {
    displayName: user.displayName,
    role: user.role,
    scope: (scopeKind(user.role) === 'facility' ? user.facilityId : user.supplierId) ?? '',
    active: user.active,
    homePlantId: user.homePlantId ?? '',
  };
}

/**
 * The body of `PATCH /admin/users/{id}`: only what changed. `homePlantId` is sent only for a
 * driver and only when the admin changed it, so the form works against an api without it.
 */
export function userChanges(user: EditedUser, draft: UserDraft): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const displayName = draft.displayName.trim();
  if (displayName !== '' && displayName !== user.displayName) changes.displayName = displayName;
  if (draft.role !== user.role) changes.role = draft.role;
  const scope = scopeFields(draft.role, draft.scope);
  if (scope.facilityId !== user.facilityId) changes.facilityId = scope.facilityId;
  if (scope.supplierId !== user.supplierId) changes.supplierId = scope.supplierId;
  if (draft.active !== user.active) changes.active = draft.active;
  const home = draft.homePlantId.trim() === '' ? null : draft.homePlantId.trim();
  if (draft.role === 'driver' && home !== (user.homePlantId ?? null)) changes.homePlantId = home;
  return changes;
}
