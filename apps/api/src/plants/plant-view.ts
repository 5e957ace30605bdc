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
  /**
   * While the plant is down or degraded: the help request to open for it (category, the plant
   * linked), which the producer page offers as a button; `null` while running.
   */
  helpRequestOffer: { category: 'plant-breakdown' | 'maintenance'; facilityId: string } | null;
}

export function plantView(facility: Facility, state: PlantState): PlantView {
  return {
    facilityId: facility.id,
    name: facility.name,
    governorate: facility.governorate,
    supplierId: facility.supplierId,
    ...state,
    dailyFillCapacity: dailyFillCapacity(state, STANDARD_CYLINDER_CONFIG.sizes),
    helpRequestOffer:
      state.status === 'running'
        ? null
        : {
            category: state.status === 'down' ? 'plant-breakdown' : 'maintenance',
            facilityId: facility.id,
          },
  };
}
