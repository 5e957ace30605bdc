import {
  evolveHospitalDemand,
  type HospitalDemand,
  hospitalDemandStreamName,
  initialHospitalDemand,
  isHospitalDemandEvent,
} from '@oxyledger/domain';
import type { LedgerStore } from './ledger-store';

/** A hospital's demand profile from its stream, and the revision to append after. */
export function loadHospitalDemand(
  ledger: LedgerStore,
  facilityId: string,
): Promise<{ state: HospitalDemand; revision: number | undefined }> {
  return ledger.loadAggregate(
    hospitalDemandStreamName(facilityId),
    isHospitalDemandEvent,
    evolveHospitalDemand,
    initialHospitalDemand(),
  );
}
