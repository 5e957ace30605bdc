import { describe, expect, it } from 'vitest';
import type { VehicleView } from '../api/views';
import { vehicleDraft, vehicleRequest } from './vehicle-form';

describe('the vehicle form', () => {
  it('offers every standard size, and the sizes a truck already carries', () => {
    const truck = {
      id: 'basra-truck-1',
      registrationPlate: 'BSR 1',
      depotFacilityId: 'basra-asu-1',
      supplierId: 'rafidain-oxygen',
      capacity: { J: 60, M: 4 },
      active: true,
    } as unknown as VehicleView;
    expect(vehicleDraft(truck).capacity).toEqual({ D: '', E: '', F: '', J: '60', M: '4' });
  });

  it('sends the sizes typed above 0, and the id only when creating', () => {
    const draft = {
      ...vehicleDraft(),
      id: 'najaf-truck-9',
      registrationPlate: ' NJF 9 ',
      supplierId: 'rafidain-oxygen',
      depotFacilityId: 'najaf-psa-1',
      capacity: { D: '', E: '120', F: '0', J: '40' },
    };
    expect(vehicleRequest(draft, true)).toEqual({
      ok: true,
      body: {
        id: 'najaf-truck-9',
        registrationPlate: 'NJF 9',
        supplierId: 'rafidain-oxygen',
        depotFacilityId: 'najaf-psa-1',
        capacity: { E: 120, J: 40 },
      },
    });
    const edit = vehicleRequest(draft, false);
    expect(edit.ok && 'id' in edit.body).toBe(false);
  });

  it('refuses a truck that carries nothing, or a count that is not whole', () => {
    expect(vehicleRequest(vehicleDraft(), true)).toEqual({
      ok: false,
      problem: { field: 'capacity', rule: 'capacityNeeded' },
    });
    expect(
      vehicleRequest({ ...vehicleDraft(), capacity: { D: '', E: '-1', F: '', J: '' } }, true),
    ).toEqual({ ok: false, problem: { field: 'capacity.E', rule: 'wholeNumber' } });
  });
});
