import { CylinderSizeCatalog, STANDARD_CYLINDER_SIZES } from '../cylinder-size/cylinder-size';
import {
  InvalidVehicle,
  validateVehicle,
  vehicleCapacityFor,
  vehicleIssues,
  Vehicle,
} from './vehicle';

const sizes = new CylinderSizeCatalog(STANDARD_CYLINDER_SIZES);
const truck: Vehicle = {
  id: 'truck-1',
  registration: 'BSR 12345',
  depotFacilityId: 'depot-1',
  capacityBySize: { E: 60, J: 20 },
};

describe('Vehicle', () => {
  it('accepts a valid vehicle', () => {
    expect(validateVehicle(truck, sizes)).toBe(truck);
  });

  it('refuses unknown sizes and counts that are not whole and non-negative', () => {
    const issues = vehicleIssues({ ...truck, capacityBySize: { E: -1, Q: 3, J: 2.5 } }, sizes);
    expect(issues.map((issue) => issue.field)).toEqual([
      'capacityBySize.E',
      'capacityBySize.Q',
      'capacityBySize.J',
    ]);
    expect(() => validateVehicle({ ...truck, registration: '' }, sizes)).toThrow(InvalidVehicle);
  });

  it('carries none of a size it does not list', () => {
    expect(vehicleCapacityFor(truck.capacityBySize, 'E')).toBe(60);
    expect(vehicleCapacityFor(truck.capacityBySize, 'D')).toBe(0);
    expect(vehicleCapacityFor(truck.capacityBySize, 'constructor')).toBe(0);
  });
});
