import { type FieldViolation, STANDARD_CYLINDER_CONFIG } from '@oxyledger/domain';
import { GOVERNORATES, isKnownGovernorate } from './governorates';
import {
  FACILITY_KINDS,
  type FacilityKind,
  type NewFacility,
  type NewVehicle,
  SUPPLIER_OWNED_KINDS,
} from './network.types';

/**
 * The rules master data must follow, as plain functions: the request DTOs' validators and the
 * service (which also serves the demo seed and command handlers, bypassing HTTP) share them.
 */

/** Ids of facilities, vehicles and suppliers: readable slugs such as `basra-general`. */
export const SLUG_PATTERN = /^[a-z0-9-]{3,64}$/;
/** Cylinder size codes are configuration data (D, E, F, J, ...): only their shape is fixed. */
export const SIZE_CODE_PATTERN = /^[A-Z0-9]{1,4}$/;
/** A time of day, `HH:MM`, 00:00 to 23:59. */
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A sanity bound on one vehicle's load of one size; the largest trucks carry a few hundred. */
export const MAX_CYLINDERS_PER_SIZE = 10_000;
export const MAX_NAME_LENGTH = 200;
export const MAX_PLATE_LENGTH = 32;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Far beyond any list's last page, and small enough that its offset fits PostgreSQL's bigint. */
export const MAX_PAGE = 1_000_000;

export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG_PATTERN.test(value);
}

export function slugMessage(field: string): string {
  return `${field} must be 3 to 64 lowercase letters, digits or hyphens (e.g. basra-general)`;
}

export function isFacilityKind(value: unknown): value is FacilityKind {
  return FACILITY_KINDS.includes(value as FacilityKind);
}

/** Why `value` is not valid receiving hours (`{opens, closes}`, `HH:MM`, opens < closes), if it is not. */
export function receivingHoursProblem(
  value: unknown,
  field = 'receivingHours',
): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${field} must be an object { opens: 'HH:MM', closes: 'HH:MM' }`;
  }
  const unknownKey = Object.keys(value).find((key) => key !== 'opens' && key !== 'closes');
  if (unknownKey !== undefined) return `${field}.${unknownKey} is not a known field`;
  const { opens, closes } = value as Record<string, unknown>;
  for (const [name, time] of [
    ['opens', opens],
    ['closes', closes],
  ] as const) {
    if (typeof time !== 'string' || !CLOCK_TIME_PATTERN.test(time)) {
      return `${field}.${name} must be a time of day HH:MM, 00:00 to 23:59`;
    }
  }
  // Zero-padded HH:MM strings order like the times they name.
  if ((opens as string) >= (closes as string)) {
    return `${field}.opens (${opens as string}) must be before ${field}.closes (${closes as string})`;
  }
  return undefined;
}

/**
 * Why `value` is not a valid vehicle capacity, if it is not: an object of size code → whole
 * number of cylinders, codes matching `^[A-Z0-9]{1,4}$`, counts 0 to 10,000, at least one above 0.
 */
export function capacityProblem(value: unknown, field = 'capacity'): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${field} must be an object of cylinder size code to count, e.g. { "J": 60, "E": 120 }`;
  }
  const entries = Object.entries(value);
  for (const [code, count] of entries) {
    if (!SIZE_CODE_PATTERN.test(code)) {
      return `${field} size code "${code}" must be 1 to 4 uppercase letters or digits`;
    }
    if (!STANDARD_CYLINDER_CONFIG.sizes.has(code)) {
      return `${field} size code "${code}" is not a known cylinder size (${STANDARD_CYLINDER_CONFIG.sizes.codes().join(', ')})`;
    }
    if (
      !Number.isInteger(count) ||
      (count as number) < 0 ||
      (count as number) > MAX_CYLINDERS_PER_SIZE
    ) {
      return `${field}.${code} must be a whole number of cylinders from 0 to ${MAX_CYLINDERS_PER_SIZE}`;
    }
  }
  if (!entries.some(([, count]) => (count as number) > 0)) {
    return `${field} must carry at least one cylinder of some size`;
  }
  return undefined;
}

export function governorateMessage(field = 'governorate'): string {
  return `${field} must be one of the configured governorates: ${GOVERNORATES.join(', ')}`;
}

/**
 * Every rule a whole facility must satisfy. The request DTOs check the same fields one by one;
 * this also catches what only the merged record shows (an update changing `kind` but not
 * `supplierId`) and input that did not come over HTTP.
 */
export function facilityViolations(facility: NewFacility): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const add = (field: string, rule: string, message: string) =>
    violations.push({ field, rule, message });

  if (!isSlug(facility.id)) add('id', 'isSlug', slugMessage('id'));
  if (!isFacilityKind(facility.kind)) {
    add('kind', 'isIn', `kind must be one of: ${FACILITY_KINDS.join(', ')}`);
  }
  if (typeof facility.name !== 'string' || facility.name.trim() === '') {
    add('name', 'isNotEmpty', 'name must not be empty');
  } else if (facility.name.length > MAX_NAME_LENGTH) {
    add('name', 'maxLength', `name must be at most ${MAX_NAME_LENGTH} characters`);
  }
  if (!isKnownGovernorate(facility.governorate)) {
    add('governorate', 'isGovernorate', governorateMessage());
  }
  if (!inRange(facility.latitude, -90, 90)) {
    add('latitude', 'isLatitude', 'latitude must be a number from -90 to 90');
  }
  if (!inRange(facility.longitude, -180, 180)) {
    add('longitude', 'isLongitude', 'longitude must be a number from -180 to 180');
  }
  if (facility.receivingHours != null) {
    const problem = receivingHoursProblem(facility.receivingHours);
    if (problem) add('receivingHours', 'isReceivingHours', problem);
  }
  const supplierId = facility.supplierId ?? null;
  if (isFacilityKind(facility.kind)) {
    const supplierOwned = SUPPLIER_OWNED_KINDS.includes(facility.kind);
    if (supplierOwned && supplierId === null) {
      add('supplierId', 'supplierIdByKind', `supplierId is required for a ${facility.kind}`);
    } else if (!supplierOwned && supplierId !== null) {
      add('supplierId', 'supplierIdByKind', `supplierId must be null for a ${facility.kind}`);
    }
  }
  if (supplierId !== null && !isSlug(supplierId)) {
    add('supplierId', 'isSlug', slugMessage('supplierId'));
  }
  if (facility.active !== undefined && typeof facility.active !== 'boolean') {
    add('active', 'isBoolean', 'active must be a boolean value');
  }
  return violations;
}

/** Every rule a whole vehicle must satisfy on its own (its depot is checked against the table). */
export function vehicleViolations(vehicle: NewVehicle): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const add = (field: string, rule: string, message: string) =>
    violations.push({ field, rule, message });

  if (!isSlug(vehicle.id)) add('id', 'isSlug', slugMessage('id'));
  if (typeof vehicle.registrationPlate !== 'string' || vehicle.registrationPlate.trim() === '') {
    add('registrationPlate', 'isNotEmpty', 'registrationPlate must not be empty');
  } else if (vehicle.registrationPlate.length > MAX_PLATE_LENGTH) {
    add(
      'registrationPlate',
      'maxLength',
      `registrationPlate must be at most ${MAX_PLATE_LENGTH} characters`,
    );
  }
  if (!isSlug(vehicle.depotFacilityId)) {
    add('depotFacilityId', 'isSlug', slugMessage('depotFacilityId'));
  }
  const capacity = capacityProblem(vehicle.capacity);
  if (capacity) add('capacity', 'isVehicleCapacity', capacity);
  if (!isSlug(vehicle.supplierId)) add('supplierId', 'isSlug', slugMessage('supplierId'));
  if (vehicle.active !== undefined && typeof vehicle.active !== 'boolean') {
    add('active', 'isBoolean', 'active must be a boolean value');
  }
  return violations;
}

function inRange(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
