import { describe, expect, it } from 'vitest';
import type { FacilityView } from '../api/views';
import { facilityDraft, facilityRequest } from './facility-form';

const basra: FacilityView = {
  id: 'basra-teaching',
  kind: 'hospital',
  name: 'Basra Teaching Hospital',
  governorate: 'Basra',
  latitude: 30.5,
  longitude: 47.8,
  receivingHours: { opens: '08:00', closes: '16:00' },
  supplierId: null,
  active: true,
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
} as unknown as FacilityView;

describe('the facility form', () => {
  it('creates a hospital with its id, no supplier and the beds typed (blank kinds are 0)', () => {
    const draft = {
      ...facilityDraft(),
      id: ' new-hospital ',
      name: ' New Hospital ',
      governorate: 'Najaf',
      latitude: '32.0',
      longitude: '44.3',
      supplierId: 'left-from-a-plant',
      beds: { general: '120', icu: '', neonatal: '8' },
    };
    expect(facilityRequest(draft, true)).toEqual({
      ok: true,
      body: {
        id: 'new-hospital',
        kind: 'hospital',
        name: 'New Hospital',
        governorate: 'Najaf',
        latitude: 32,
        longitude: 44.3,
        receivingHours: null,
        supplierId: null,
      },
      beds: { general: 120, icu: 0, neonatal: 8 },
    });
  });

  it('edits without the id, keeps the receiving hours, and sets no beds when none are typed', () => {
    const request = facilityRequest(facilityDraft(basra), false);
    expect(request).toMatchObject({
      ok: true,
      body: { receivingHours: { opens: '08:00', closes: '16:00' }, latitude: 30.5 },
      beds: null,
    });
    expect(request.ok && 'id' in request.body).toBe(false);
  });

  it('starts editing a hospital from its beds as the api has them', () => {
    expect(facilityDraft(basra, { general: 300, icu: 20, neonatal: 10 }).beds).toEqual({
      general: '300',
      icu: '20',
      neonatal: '10',
    });
  });

  it('names the field and the rule it breaks instead of sending', () => {
    const plant = {
      ...facilityDraft(),
      kind: 'producer' as const,
      latitude: '33',
      longitude: '44',
    };
    expect(facilityRequest({ ...plant, latitude: '91' }, true)).toEqual({
      ok: false,
      problem: { field: 'latitude', rule: 'latitudeRange' },
    });
    expect(facilityRequest({ ...plant, longitude: 'east' }, true)).toEqual({
      ok: false,
      problem: { field: 'longitude', rule: 'longitudeRange' },
    });
    expect(facilityRequest({ ...plant, opens: '08:00' }, true)).toEqual({
      ok: false,
      problem: { field: 'receivingHours', rule: 'hoursPair' },
    });
    expect(facilityRequest(plant, true)).toEqual({
      ok: false,
      problem: { field: 'supplierId', rule: 'supplierRequired' },
    });
    const hospital = { ...plant, kind: 'hospital' as const };
    expect(
      facilityRequest({ ...hospital, beds: { general: '2.5', icu: '', neonatal: '' } }, true),
    ).toEqual({ ok: false, problem: { field: 'beds.general', rule: 'wholeNumber' } });
  });

  it('sends a plant with its supplier and ignores beds typed before the kind changed', () => {
    const draft = {
      ...facilityDraft(),
      kind: 'producer' as const,
      latitude: '33',
      longitude: '44',
      supplierId: 'rafidain-oxygen',
      beds: { general: '10', icu: '', neonatal: '' },
    };
    expect(facilityRequest(draft, true)).toMatchObject({
      ok: true,
      body: { supplierId: 'rafidain-oxygen', kind: 'producer' },
      beds: null,
    });
  });
});
