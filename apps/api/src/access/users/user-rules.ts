import { FACILITY_ROLES, type Role, SUPPLIER_ROLES } from '../actor';

/** Usernames: letters, digits and `. _ @ -`, 3 to 64 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;
/** Facility and supplier ids are slugs, as the network's master data uses them. */
export const SLUG_PATTERN = /^[a-z0-9-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

export interface UserScope {
  role: Role;
  facilityId: string | null;
  supplierId: string | null;
}

/**
 * Role and scope must fit together: producers and hospital users act at one facility, which they
 * must have; nobody else has one; only dispatchers (and drivers) belong to a supplier's fleet.
 */
export function scopeViolations({ role, facilityId, supplierId }: UserScope): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const needsFacility = FACILITY_ROLES.includes(role);
  if (needsFacility && facilityId === null) {
    violations.push({
      field: 'facilityId',
      rule: 'requiredForRole',
      message: `facilityId is required for role ${role} (a ${role} user acts at their own ${role === 'producer' ? 'plant' : 'hospital'})`,
    });
  }
  if (!needsFacility && facilityId !== null) {
    violations.push({
      field: 'facilityId',
      rule: 'notAllowedForRole',
      message: `facilityId must be empty for role ${role}: only ${FACILITY_ROLES.join(' and ')} users have a facility`,
    });
  }
  if (supplierId !== null && !SUPPLIER_ROLES.includes(role)) {
    violations.push({
      field: 'supplierId',
      rule: 'notAllowedForRole',
      message: `supplierId must be empty for role ${role}: only ${SUPPLIER_ROLES.join(' and ')} users belong to a supplier's fleet`,
    });
  }
  return violations;
}

/** Rules the DTOs check for HTTP callers, checked again for callers in code (the demo seed). */
export function inputViolations(input: {
  username?: string;
  password?: string;
  facilityId?: string | null;
  supplierId?: string | null;
}): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (input.username !== undefined && !USERNAME_PATTERN.test(input.username)) {
    violations.push({
      field: 'username',
      rule: 'matches',
      message:
        'username must be 3 to 64 letters, digits or . _ @ -, starting with a letter or digit',
    });
  }
  if (
    input.password !== undefined &&
    (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > MAX_PASSWORD_LENGTH)
  ) {
    violations.push({
      field: 'password',
      rule: 'length',
      message: `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
    });
  }
  for (const field of ['facilityId', 'supplierId'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && !SLUG_PATTERN.test(value)) {
      violations.push({
        field,
        rule: 'matches',
        message: `${field} must be a slug: 3 to 64 lowercase letters, digits or -`,
      });
    }
  }
  return violations;
}
