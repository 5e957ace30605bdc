import {
  capacityProblem,
  facilityViolations,
  isSlug,
  receivingHoursProblem,
  vehicleViolations,
} from './network.rules';
import type { NewFacility, NewVehicle } from './network.types';

describe('network rules', () => {
  describe('receivingHoursProblem', () => {
    it.each([
      [{ opens: '08:00', closes: '16:00' }],
      [{ opens: '00:00', closes: '23:59' }],
      [{ opens: '09:30', closes: '09:31' }],
    ])('accepts %j', (hours) => {
      expect(receivingHoursProblem(hours)).toBeUndefined();
    });

    it('refuses opening at or after closing, naming both times', () => {
      expect(receivingHoursProblem({ opens: '16:00', closes: '08:00' })).toBe(
        'receivingHours.opens (16:00) must be before receivingHours.closes (08:00)',
      );
      expect(receivingHoursProblem({ opens: '08:00', closes: '08:00' })).toMatch(/must be before/);
    });

    it.each([
      [{ opens: '8:00', closes: '16:00' }, 'receivingHours.opens must be a time of day HH:MM'],
      [{ opens: '08:00', closes: '24:00' }, 'receivingHours.closes must be a time of day HH:MM'],
      [{ opens: '08:60', closes: '16:00' }, 'receivingHours.opens must be a time of day HH:MM'],
      [{ opens: '08:00' }, 'receivingHours.closes must be a time of day HH:MM'],
      [{ opens: 800, closes: 1600 }, 'receivingHours.opens must be a time of day HH:MM'],
      [
        { opens: '08:00', closes: '16:00', timezone: 'UTC' },
        'receivingHours.timezone is not a known field',
      ],
      ['08:00-16:00', 'receivingHours must be an object'],
      [['08:00', '16:00'], 'receivingHours must be an object'],
      [null, 'receivingHours must be an object'],
    ])('refuses %j', (hours, message) => {
      expect(receivingHoursProblem(hours)).toContain(message);
    });
  });

  describe('capacityProblem', () => {
    it.each([[{ J: 60, E: 120 }], [{ J: 0, E: 1 }], [{ D: 10_000 }]])('accepts %j', (capacity) => {
      expect(capacityProblem(capacity)).toBeUndefined();
    });

    it.each([
      [{ j: 60 }, 'capacity size code "j" must be 1 to 4 uppercase letters or digits'],
      [{ JUMBO: 60 }, 'capacity size code "JUMBO"'],
      [{ X12: 60 }, 'capacity size code "X12" is not a known cylinder size'],
      [{ '': 60 }, 'capacity size code ""'],
      [{ J: -1 }, 'capacity.J must be a whole number of cylinders from 0 to 10000'],
      [{ J: 1.5 }, 'capacity.J must be a whole number'],
      [{ J: '60' }, 'capacity.J must be a whole number'],
      [{ J: 10_001 }, 'capacity.J must be a whole number'],
      [{ J: 0, E: 0 }, 'capacity must carry at least one cylinder of some size'],
      [{}, 'capacity must carry at least one cylinder of some size'],
      [[60], 'capacity must be an object'],
      [60, 'capacity must be an object'],
      [null, 'capacity must be an object'],
    ])('refuses %j', (capacity, message) => {
      expect(capacityProblem(capacity)).toContain(message);
    });
  });

  describe('isSlug', () => {
    it.each(['basra-general', 'abc', 'a'.repeat(64), 'psa-01'])('accepts %s', (id) => {
      expect(isSlug(id)).toBe(true);
    });

    it.each(['ab', 'a'.repeat(65), 'Basra-General', 'basra general', 'basra_general', 'نجف', 7])(
      'refuses %s',
      (id) => {
        expect(isSlug(id)).toBe(false);
      },
    );
  });

  describe('facilityViolations', () => {
    const hospital: NewFacility = {
      id: 'basra-general',
      kind: 'hospital',
      name: 'Basra General Hospital',
      governorate: 'Basra',
      latitude: 30.5,
      longitude: 47.8,
    };

    it('accepts a valid hospital without a supplier', () => {
      expect(facilityViolations(hospital)).toEqual([]);
    });

    it('requires a supplier for producers and depots, and refuses one for hospitals', () => {
      expect(facilityViolations({ ...hospital, kind: 'producer' })).toEqual([
        {
          field: 'supplierId',
          rule: 'supplierIdByKind',
          message: 'supplierId is required for a producer',
        },
      ]);
      expect(
        facilityViolations({ ...hospital, kind: 'depot', supplierId: 'basra-oxygen' }),
      ).toEqual([]);
      expect(facilityViolations({ ...hospital, supplierId: 'basra-oxygen' })).toEqual([
        {
          field: 'supplierId',
          rule: 'supplierIdByKind',
          message: 'supplierId must be null for a hospital',
        },
      ]);
    });

    it('names every broken field and its rule', () => {
      const violations = facilityViolations({
        id: 'Basra General',
        kind: 'clinic' as never,
        name: '  ',
        governorate: 'basra',
        latitude: 91,
        longitude: -181,
        receivingHours: { opens: '17:00', closes: '08:00' },
      });

      expect(violations.map(({ field, rule }) => `${field}:${rule}`)).toEqual([
        'id:isSlug',
        'kind:isIn',
        'name:isNotEmpty',
        'governorate:isGovernorate',
        'latitude:isLatitude',
        'longitude:isLongitude',
        'receivingHours:isReceivingHours',
      ]);
      expect(violations[3].message).toContain('Baghdad, Basra, Nineveh');
    });
  });

  describe('vehicleViolations', () => {
    const truck: NewVehicle = {
      id: 'baghdad-truck-07',
      registrationPlate: 'BGD 12345',
      depotFacilityId: 'baghdad-psa-1',
      capacity: { J: 60, E: 120 },
      supplierId: 'baghdad-oxygen',
    };

    it('accepts a valid vehicle', () => {
      expect(vehicleViolations(truck)).toEqual([]);
    });

    it('names every broken field and its rule', () => {
      const violations = vehicleViolations({
        ...truck,
        id: 'T7',
        registrationPlate: '',
        capacity: { J: 0 },
        supplierId: 'Baghdad Oxygen',
      });

      expect(violations.map(({ field, rule }) => `${field}:${rule}`)).toEqual([
        'id:isSlug',
        'registrationPlate:isNotEmpty',
        'capacity:isVehicleCapacity',
        'supplierId:isSlug',
      ]);
    });
  });
});
