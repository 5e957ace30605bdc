import type { Position, RecordedEvent } from '@oxyledger/event-store';
import { isVisibleTo, liveChangeOf } from './live-change';

function recorded(streamName: string, type: string, data: object): RecordedEvent {
  return {
    id: 'e',
    type,
    streamName,
    revision: 0,
    position: '1/1' as Position,
    data,
    metadata: {},
    recordedAt: new Date(),
  };
}

describe('live changes', () => {
  it('names the facilities an event touches: data fields, trip stops, facility streams', () => {
    expect(
      liveChangeOf(recorded('cylinder-X1', 'CylinderFilled', { serial: 'X1', plantId: 'p1' })),
    ).toEqual({ kind: 'cylinder', type: 'CylinderFilled', facilityIds: ['p1'] });
    expect(
      liveChangeOf(
        recorded('trip-t1', 'TripCreated', {
          tripId: 't1',
          originId: 'p1',
          driverId: 'd1',
          stops: [{ facilityId: 'h1' }, { facilityId: 'h2' }],
        }),
      ),
    ).toEqual({
      kind: 'trip',
      type: 'TripCreated',
      facilityIds: ['p1', 'h1', 'h2'],
      tripId: 't1',
      driverId: 'd1',
    });
    expect(liveChangeOf(recorded('hospital-supply-h9', 'SupplyLevelChanged', {}))).toEqual({
      kind: 'hospital-supply',
      type: 'SupplyLevelChanged',
      facilityIds: ['h9'],
    });
  });

  it('ignores streams a dashboard does not show', () => {
    expect(liveChangeOf(recorded('idempotency-x', 'Whatever', {}))).toBeNull();
  });

  it('shows a facility user only changes at their facility, a driver only their trips', () => {
    const atH1 = { kind: 'cylinder', type: 'CylinderDelivered', facilityIds: ['h1'] };
    expect(isVisibleTo({ kind: 'facility', facilityId: 'h1' }, atH1)).toBe(true);
    expect(isVisibleTo({ kind: 'facility', facilityId: 'h2' }, atH1)).toBe(false);
    expect(isVisibleTo({ kind: 'national' }, atH1)).toBe(true);
    expect(isVisibleTo({ kind: 'driver', driverUserId: 'd1' }, atH1)).toBe(false);

    const trip = { kind: 'trip', type: 'TripLoaded', facilityIds: ['p1'], tripId: 't1' };
    expect(isVisibleTo({ kind: 'driver', driverUserId: 'd1' }, trip, new Set(['t1']))).toBe(true);
    expect(isVisibleTo({ kind: 'driver', driverUserId: 'd2' }, trip, new Set(['t9']))).toBe(false);
    expect(
      isVisibleTo({ kind: 'driver', driverUserId: 'd2' }, { ...trip, driverId: 'd2' }, new Set()),
    ).toBe(true);
  });
});
