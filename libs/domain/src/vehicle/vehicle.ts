import { CylinderSizeCatalog } from '../cylinder-size/cylinder-size';
import { InvalidRecord, ValidationIssue } from '../shared/domain-error';

/**
 * Admin-managed reference data: a truck and how many cylinders of each size it carries. A size
 * missing from `capacityBySize` is a size the vehicle does not carry (capacity 0).
 */
export interface Vehicle {
  id: string;
  registration: string;
  depotFacilityId: string;
  capacityBySize: Record<string, number>;
}

export class InvalidVehicle extends InvalidRecord {
  readonly code = 'vehicle.invalid';

  constructor(issues: readonly ValidationIssue[]) {
    super('vehicle', issues);
  }
}

/** Every problem with `vehicle` (sizes checked against `sizes`); empty when it is valid. */
export function vehicleIssues(vehicle: Vehicle, sizes: CylinderSizeCatalog): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of ['id', 'registration', 'depotFacilityId'] as const) {
    const value = vehicle[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > 128) {
      issues.push({ field, rule: 'must be non-blank text of at most 128 characters' });
    }
  }
  const capacity = vehicle.capacityBySize;
  if (typeof capacity !== 'object' || capacity === null || Array.isArray(capacity)) {
    issues.push({ field: 'capacityBySize', rule: 'must map size codes to counts' });
    return issues;
  }
  const entries = Object.entries(capacity);
  if (entries.length === 0)
    issues.push({ field: 'capacityBySize', rule: 'must carry at least one size' });
  for (const [code, count] of entries) {
    if (!sizes.has(code)) {
      issues.push({
        field: `capacityBySize.${code}`,
        rule: `is not a known size (${sizes.codes().join(', ')})`,
      });
    }
    if (!Number.isInteger(count) || count < 0) {
      issues.push({
        field: `capacityBySize.${code}`,
        rule: 'must be a whole number of cylinders, 0 or more',
      });
    }
  }
  return issues;
}

/** `vehicle` itself when valid; otherwise throws `InvalidVehicle` listing every problem. */
export function validateVehicle(vehicle: Vehicle, sizes: CylinderSizeCatalog): Vehicle {
  const issues = vehicleIssues(vehicle, sizes);
  if (issues.length > 0) throw new InvalidVehicle(issues);
  return vehicle;
}

/** How many cylinders of `sizeCode` the vehicle carries (0 for a size it does not list). */
export function vehicleCapacityFor(
  capacityBySize: Readonly<Record<string, number>>,
  sizeCode: string,
): number {
  return Object.prototype.hasOwnProperty.call(capacityBySize, sizeCode)
    ? (capacityBySize[sizeCode] ?? 0)
    : 0;
}
