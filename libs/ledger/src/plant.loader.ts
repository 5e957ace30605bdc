import {
  evolvePlant,
  initialPlantState,
  isPlantEvent,
  type PlantState,
  plantStreamName,
} from '@oxyledger/domain';
import type { LedgerStore } from './ledger-store';

export function loadPlant(
  ledger: LedgerStore,
  facilityId: string,
): Promise<{ state: PlantState; revision: number | undefined }> {
  return ledger.loadAggregate(
    plantStreamName(facilityId),
    isPlantEvent,
    evolvePlant,
    initialPlantState(),
  );
}
