import type { HospitalDemandCommand } from '@oxyledger/domain';
import type { CommandContext } from '../../../ledger/command-context';

/** Beds set or a census reported for a hospital; `at` comes from the context. */
export class ChangeHospitalDemandCommand {
  constructor(
    readonly facilityId: string,
    readonly change:
      | {
          type: 'SetHospitalBeds';
          beds: Extract<HospitalDemandCommand, { type: 'SetHospitalBeds' }>['data']['beds'];
        }
      | { type: 'ReportOxygenCensus'; severe: number; critical: number },
    readonly context: CommandContext,
  ) {}
}
