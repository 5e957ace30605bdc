import { describe, expect, it } from 'vitest';
import type { ScanConflict } from '../api/views';
import { conflictRefusal, conflictSerials } from './ScanConflicts';

const conflict: ScanConflict = {
  conflictId: '3f1c0d7e-0000-4000-8000-000000000001',
  tripId: 'trip-1',
  facilityId: 'baghdad-medical-city',
  report: { facilityId: 'baghdad-medical-city', delivered: ['IQ-1'], collected: ['IQ-9'] },
  refusal: { statusCode: 409, error: 'cylinder.not-on-trip', message: 'IQ-1 is not on the trip' },
  occurredAt: '2026-12-03T08:00:00Z',
  recordedAt: '2026-12-03T08:05:00Z',
  resolution: null,
};

describe('a scan conflict as the dispatcher reads it', () => {
  it('lists the serials the device reported, delivered then collected', () => {
    expect(conflictSerials(conflict)).toEqual(['IQ-1', 'IQ-9']);
    expect(conflictSerials({ ...conflict, report: { delivered: 'IQ-1' } })).toEqual([]);
  });

  it("gives the ledger's refusal in the api's words", () => {
    expect(conflictRefusal(conflict)).toBe('IQ-1 is not on the trip');
    expect(conflictRefusal({ ...conflict, refusal: { message: ['a', 'b'] } })).toBe('a; b');
    expect(conflictRefusal({ ...conflict, refusal: { error: 'trip.closed' } })).toBe('trip.closed');
  });
});
