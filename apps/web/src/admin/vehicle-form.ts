import type { VehicleView } from '../api/views';
import type { FormProblem } from './facility-form';

/** The sizes a truck is set up for, in the order the form shows them. */
export const VEHICLE_SIZES = ['D', 'E', 'F', 'J'] as const;

export interface VehicleDraft {
  id: string;
  registrationPlate: string;
  supplierId: string;
  depotFacilityId: string;
  /** Cylinders carried per size code, as typed; blank: none of that size. */
  capacity: Record<string, string>;
}

export function vehicleDraft(vehicle?: VehicleView): VehicleDraft {
  const capacity: Record<string, string> = {};
  for (const size of VEHICLE_SIZES) capacity[size] = '';
  for (const [size, count] of Object.entries(vehicle?.capacity ?? {}))
    capacity[size] = String(count);
  return {
    id: vehicle?.id ?? '',
    registrationPlate: vehicle?.registrationPlate ?? '',
    supplierId: vehicle?.supplierId ?? '',
    depotFacilityId: vehicle?.depotFacilityId ?? '',
    capacity,
  };
}

export type VehicleRequest =
  { ok: true; body: Record<string, unknown> } | { ok: false; problem: FormProblem };

/** The body of `POST /admin/vehicles` or `PATCH /admin/vehicles/{id}`: blank sizes are left out. */
export function vehicleRequest(draft: VehicleDraft, creating: boolean): VehicleRequest {
  const capacity: Record<string, number> = {};
  for (const [size, text] of Object.entries(draft.capacity)) {
    if (text.trim() === '') continue;
    const count = Number(text);
    if (!Number.isInteger(count) || count < 0)
      return {
        ok: false,
        problem: { field: `capacity.${size}`, rule: 'wholeNumber' },
      };
    if (count > 0) capacity[size] = count;
  }
  if (Object.keys(capacity).length === 0)
    return { ok: false, problem: { field: 'capacity', rule: 'capacityNeeded' } };
  return {
    ok: true,
    body: {
      ...(creating ? { id: draft.id.trim() } : {}),
      registrationPlate: draft.registrationPlate.trim(),
      supplierId: draft.supplierId.trim(),
      depotFacilityId: draft.depotFacilityId,
      capacity,
    },
  };
}
