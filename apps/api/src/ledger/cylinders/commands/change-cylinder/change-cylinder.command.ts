import type { RecordCylinderTest } from '@oxyledger/domain';
import type { CommandContext } from '../../../command-context';

/**
 * A one-cylinder command as the API receives it: the handler adds the serial, the time and the
 * place (the hospital it is at; the facility it was found at, by id).
 */
export type CylinderChange =
  | { type: 'PutCylinderInUse' | 'MarkCylinderEmpty'; data: Record<string, never> }
  | { type: 'RecordCylinderTest'; data: Omit<RecordCylinderTest['data'], 'serial' | 'at'> }
  | { type: 'QuarantineCylinder' | 'CondemnCylinder'; data: { reason: string } }
  | { type: 'ReleaseCylinder'; data: { releaseAs?: 'EMPTY' } }
  | { type: 'ReportCylinderLost'; data: { reason?: string } }
  | { type: 'ReportCylinderFound'; data: { facilityId: string; foundAs?: 'EMPTY' | 'FULL' } };

/** A command on one cylinder at rest: in use, empty, test, quarantine, release, condemn, lost, found. */
export class ChangeCylinderCommand {
  constructor(
    readonly serial: string,
    readonly change: CylinderChange,
    readonly context: CommandContext,
  ) {}
}
