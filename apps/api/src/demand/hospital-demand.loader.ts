import {
  evolveHospitalDemand,
  fromStoredEvent,
  type HospitalDemand,
  hospitalDemandStreamName,
  initialHospitalDemand,
  isHospitalDemandEvent,
} from '@oxyledger/domain';
import type { LedgerStore } from '../ledger/ledger-store';

/** A hospital's demand profile from its stream, and the revision to append after. */
export async function loadHospitalDemand(
  ledger: LedgerStore,
  facilityId: string,
): Promise<{ state: HospitalDemand; revision: number | undefined }> {
  const recorded = await ledger.history(hospitalDemandStreamName(facilityId));
  const state = recorded
    .map((event) => fromStoredEvent(event))
    .filter(isHospitalDemandEvent)
    .reduce(evolveHospitalDemand, initialHospitalDemand());
  return { state, revision: recorded.at(-1)?.revision };
}
