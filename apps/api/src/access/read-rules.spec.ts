import type { Actor } from './actor';
import { assertMayReadCylinder, assertMayReadHospitalDemand } from './read-rules';

const at = (facilityId: string) => ({ kind: 'facility' as const, facilityId });
const cylinder = {
  serial: 'IQ-1',
  ownerId: 'baghdad-gas',
  location: at('hospital-a'),
};
const onTrip = {
  serial: 'IQ-2',
  ownerId: 'baghdad-gas',
  location: { kind: 'trip' as const, tripId: 'trip-1' },
  tripActorIds: ['driver-1'],
};
const actor = (role: Actor['role'], scope: Partial<Actor> = {}): Actor => ({
  userId: `${role}-1`,
  role,
  ...scope,
});

describe('reading a cylinder’s history', () => {
  it.each([
    ['admin', actor('admin'), cylinder],
    ['analyst', actor('analyst'), cylinder],
    ['a national dispatcher', actor('dispatcher'), cylinder],
    ['the owner’s dispatcher', actor('dispatcher', { supplierId: 'baghdad-gas' }), cylinder],
    ['the hospital it is at', actor('hospital', { facilityId: 'hospital-a' }), cylinder],
    ['the driver of its trip', actor('driver', { userId: 'driver-1' }), onTrip],
  ])('is allowed for %s', (_label, reader, subject) => {
    expect(() => assertMayReadCylinder(reader, subject)).not.toThrow();
  });

  it.each([
    ['another supplier’s dispatcher', actor('dispatcher', { supplierId: 'basra-gas' }), cylinder],
    ['another hospital', actor('hospital', { facilityId: 'hospital-b' }), cylinder],
    ['a plant it is not at', actor('producer', { facilityId: 'plant-a' }), cylinder],
    ['another driver', actor('driver', { userId: 'driver-2' }), onTrip],
    ['a driver, for a cylinder at a hospital', actor('driver'), cylinder],
  ])('is a 403 for %s', (_label, reader, subject) => {
    expect(() => assertMayReadCylinder(reader, subject)).toThrow(
      expect.objectContaining({ code: 'access.read-scope' }),
    );
  });
});

describe('a plant reading its own supplier’s cylinders', () => {
  const plant = actor('producer', { facilityId: 'plant-a' });
  it('may follow them wherever they are (float, demurrage)', () => {
    expect(() => assertMayReadCylinder(plant, cylinder, 'baghdad-gas')).not.toThrow();
  });
  it('may not read another supplier’s cylinder at a hospital', () => {
    expect(() => assertMayReadCylinder(plant, cylinder, 'basra-gas')).toThrow(
      expect.objectContaining({ code: 'access.read-scope' }),
    );
  });
});

describe('reading a hospital’s census (health data)', () => {
  it('is allowed for its own users, dispatchers, analysts and admins', () => {
    for (const reader of [
      actor('hospital', { facilityId: 'hospital-a' }),
      actor('dispatcher', { supplierId: 'baghdad-gas' }),
      actor('analyst'),
      actor('admin'),
    ]) {
      expect(() => assertMayReadHospitalDemand(reader, 'hospital-a')).not.toThrow();
    }
  });

  it('is a 403 for another hospital, producers and drivers', () => {
    for (const reader of [
      actor('hospital', { facilityId: 'hospital-b' }),
      actor('producer', { facilityId: 'plant-a' }),
      actor('driver'),
    ]) {
      expect(() => assertMayReadHospitalDemand(reader, 'hospital-a')).toThrow(
        expect.objectContaining({ httpStatus: 403 }),
      );
    }
  });
});
