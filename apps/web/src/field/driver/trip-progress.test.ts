import { describe, expect, it } from 'vitest';
import type { TripView } from '../../api/views';
import type { QueuedCommand } from '../outbox/field-db';
import type { ExpectedCylinders, TripManifest } from '../reference/reference-data';
import { checkScan, tripProgress } from './trip-progress';

const trip = {
  tripId: 't1',
  status: 'LOADING',
  originId: 'plant',
  stops: [
    { facilityId: 'h1', completed: false, delivered: [], collected: [] },
    { facilityId: 'h2', completed: false, delivered: [], collected: [] },
  ],
  loaded: [{ serial: 'J1', sizeCode: 'J' }],
  unloaded: [],
} as unknown as TripView;

const expected = {
  tripId: 't1',
  atOrigin: [
    { serial: 'J2', sizeCode: 'J', status: 'FULL' },
    { serial: 'J3', sizeCode: 'J', status: 'FULL' },
    { serial: 'E1', sizeCode: 'E', status: 'FULL' },
  ],
  onBoard: [{ serial: 'J1', sizeCode: 'J', status: 'IN_TRANSIT' }],
  stops: [{ facilityId: 'h1', empties: [{ serial: 'X9', sizeCode: 'J', status: 'EMPTY' }] }],
} as ExpectedCylinders;

const manifest = {
  tripId: 't1',
  departureAt: '2026-12-03T06:00:00Z',
  loadAtOrigin: { J: 2 },
  stops: [
    {
      sequence: 1,
      facilityId: 'h1',
      name: 'H1',
      arrivalAt: '',
      deliver: { J: 1 },
      collect: { J: 1 },
    },
  ],
} as TripManifest;

const queued = (subject: QueuedCommand['subject'], status: QueuedCommand['status'] = 'pending') =>
  ({ subject, status }) as QueuedCommand;

describe('the trip on the phone', () => {
  it('counts queued loads and deliveries, but not refused ones', () => {
    const progress = tripProgress(trip, [
      queued({ kind: 'load', tripId: 't1', serials: ['J2'] }),
      queued({ kind: 'load', tripId: 't1', serials: ['J3'] }, 'refused'),
      queued({
        kind: 'delivery',
        tripId: 't1',
        facilityId: 'h1',
        delivered: ['J1'],
        collected: ['X9'],
        receivedBy: 'A',
      }),
    ]);
    expect([...progress.onBoard].sort()).toEqual(['J2', 'X9']);
    expect(progress.servedStops.get('h1')?.queued).toBe(true);
    expect(progress.servedStops.has('h2')).toBe(false);
  });

  it('warns at once on a cylinder the step does not expect, or beyond the manifest', () => {
    const progress = tripProgress(trip, []);
    const context = { expected, progress, manifest };
    expect(checkScan({ kind: 'load' }, 'J2', [], context)).toEqual({
      ok: true,
      serial: 'J2',
      sizeCode: 'J',
    });
    expect(checkScan({ kind: 'load' }, 'NOPE', [], context)).toMatchObject({
      ok: false,
      reason: 'not-at-origin',
    });
    expect(checkScan({ kind: 'load' }, 'J1', [], context)).toMatchObject({
      reason: 'already-scanned',
    });
    // J1 is on board already, so the manifest's 2 × J leaves room for one more
    expect(checkScan({ kind: 'load' }, 'J3', ['J2'], context)).toMatchObject({
      reason: 'over-manifest',
    });
    expect(checkScan({ kind: 'deliver', facilityId: 'h1' }, 'J2', [], context)).toMatchObject({
      reason: 'not-on-truck',
    });
    expect(checkScan({ kind: 'deliver', facilityId: 'h1' }, 'J1', [], context).ok).toBe(true);
    expect(checkScan({ kind: 'collect', facilityId: 'h1' }, 'X9', [], context).ok).toBe(true);
    expect(checkScan({ kind: 'collect', facilityId: 'h2' }, 'X9', [], context)).toMatchObject({
      reason: 'not-empty-here',
    });
  });

  it('checks an unload at the plant against what is still on the truck, queued unloads included', () => {
    const afterStops = tripProgress(trip, [
      queued({
        kind: 'delivery',
        tripId: 't1',
        facilityId: 'h1',
        delivered: [],
        collected: ['X9'],
        receivedBy: 'A',
      }),
      queued({ kind: 'unload', tripId: 't1', facilityId: 'plant', serials: ['J1'] }),
    ]);
    expect([...afterStops.onBoard]).toEqual(['X9']);
    const context = { expected, progress: afterStops, manifest };
    // the empty collected at h1 is known with its size
    expect(checkScan({ kind: 'unload' }, 'X9', [], context)).toEqual({
      ok: true,
      serial: 'X9',
      sizeCode: 'J',
    });
    expect(checkScan({ kind: 'unload' }, 'X9', ['X9'], context)).toMatchObject({
      reason: 'already-scanned',
    });
    // unloaded by a queued command already
    expect(checkScan({ kind: 'unload' }, 'J1', [], context)).toMatchObject({
      reason: 'already-scanned',
    });
    expect(checkScan({ kind: 'unload' }, 'E1', [], context)).toMatchObject({
      ok: false,
      sizeCode: 'E',
      reason: 'not-on-truck',
    });
  });
});
