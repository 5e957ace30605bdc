import {
  dailyFillCapacity,
  type PlantState,
  type SizeFillCapacity,
  STANDARD_CYLINDER_CONFIG,
} from '@oxyledger/domain';
import type { Facility } from '@oxyledger/network';

export interface PlantView extends PlantState {
  facilityId: string;
  name: string;
  governorate: string;
  supplierId: string | null;
  /** Cylinders a day per size if it filled only that size; all 0 when down or unknown. */
  dailyFillCapacity: SizeFillCapacity[];
}

export function plantView(facility: Facility, state: PlantState): PlantView {
  return {
    facilityId: facility.id,
    name: facility.name,
    governorate: facility.governorate,
    supplierId: facility.supplierId,
    ...state,
    dailyFillCapacity: dailyFillCapacity(state, STANDARD_CYLINDER_CONFIG.sizes),
  };
}
