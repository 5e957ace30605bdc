import { checkTripAssignment, TripAssignment, TripAssignmentRefused } from './trip-assignment';

const assignment = (overrides: Partial<TripAssignment> = {}): TripAssignment => ({
  origin: { id: 'basra-asu-1', kind: 'producer', supplierId: 'gulf', active: true },
  vehicle: { id: 'basra-truck-1', supplierId: 'gulf', active: true },
  driver: { id: 'u-1', role: 'driver', supplierId: 'gulf', active: true },
  ...overrides,
});

const refusal = (overrides: Partial<TripAssignment>): TripAssignmentRefused => {
  try {
    checkTripAssignment(assignment(overrides));
  } catch (error) {
    if (error instanceof TripAssignmentRefused) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe("a trip runs on one supplier's own plant, truck and driver", () => {
  it("accepts the origin supplier's active truck and driver, and names the supplier", () => {
    expect(checkTripAssignment(assignment())).toBe('gulf');
  });

  it.each([
    [
      'a hospital as origin',
      { origin: { id: 'h', kind: 'hospital', supplierId: null, active: true } },
      'originFacilityId',
    ],
    [
      'an inactive plant',
      { origin: { id: 'p', kind: 'producer', supplierId: 'gulf', active: false } },
      'originFacilityId',
    ],
    ['an inactive truck', { vehicle: { id: 't', supplierId: 'gulf', active: false } }, 'vehicleId'],
    [
      "another supplier's truck",
      { vehicle: { id: 't', supplierId: 'rafidain', active: true } },
      'vehicleId',
    ],
    ['an unknown driver', { driver: undefined }, 'driverUserId'],
    [
      'a user who is not a driver',
      { driver: { id: 'u', role: 'hospital', supplierId: null, active: true } },
      'driverUserId',
    ],
    [
      'an inactive driver',
      { driver: { id: 'u', role: 'driver', supplierId: 'gulf', active: false } },
      'driverUserId',
    ],
    [
      "another supplier's driver",
      { driver: { id: 'u', role: 'driver', supplierId: 'rafidain', active: true } },
      'driverUserId',
    ],
    [
      'a driver of no supplier',
      { driver: { id: 'u', role: 'driver', supplierId: null, active: true } },
      'driverUserId',
    ],
  ] as [string, Partial<TripAssignment>, string][])(
    'refuses %s, naming the field',
    (_, overrides, field) => {
      const error = refusal(overrides);
      expect(error.field).toBe(field);
      expect(error.kind).toBe('invalid');
    },
  );
});
