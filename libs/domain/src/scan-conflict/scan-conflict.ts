import { InvalidCommand } from '../shared/domain-error';
import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';

/**
 * A driver's offline confirmation that the ledger refused because, meanwhile, the cylinders were
 * recorded elsewhere. Kept as it was reported, in a review queue, instead of being dropped or
 * forced onto the cylinders; a dispatcher resolves it (and records any compensating movement
 * through the usual commands).
 */

export const SCAN_CONFLICT_RESOLUTIONS = ['corrected', 'dismissed'] as const;
export type ScanConflictResolution = (typeof SCAN_CONFLICT_RESOLUTIONS)[number];

export type ScanConflictRecorded = VersionedEvent<
  'ScanConflictRecorded',
  {
    conflictId: string;
    tripId: string;
    facilityId: string;
    /** The confirmation as the device sent it. */
    report: Record<string, unknown>;
    /** Why the ledger refused it. */
    refusal: Record<string, unknown>;
    /** When the device says it happened. */
    occurredAt: IsoInstant;
    at: IsoInstant;
  }
>;

export type ScanConflictResolved = VersionedEvent<
  'ScanConflictResolved',
  { conflictId: string; resolution: ScanConflictResolution; note: string; at: IsoInstant }
>;

export type ScanConflictEvent = ScanConflictRecorded | ScanConflictResolved;

export const SCAN_CONFLICT_EVENT_VERSIONS: Readonly<Record<ScanConflictEvent['type'], number>> = {
  ScanConflictRecorded: 1,
  ScanConflictResolved: 1,
};

export interface ScanConflict {
  conflictId: string;
  tripId: string;
  facilityId: string;
  report: Record<string, unknown>;
  refusal: Record<string, unknown>;
  occurredAt: IsoInstant;
  recordedAt: IsoInstant;
  resolution: { resolution: ScanConflictResolution; note: string; at: IsoInstant } | null;
}

export function scanConflictStreamName(conflictId: string): string {
  return `scan-conflict-${conflictId}`;
}

/** The resolution of an open conflict; a resolved one cannot be resolved again. */
export function resolveScanConflict(
  conflict: ScanConflict | null,
  resolution: unknown,
  note: unknown,
  at: IsoInstant,
): ScanConflictResolved[] {
  if (!conflict) throw new InvalidCommand('conflictId', 'must name a recorded scan conflict');
  if (!(SCAN_CONFLICT_RESOLUTIONS as readonly unknown[]).includes(resolution)) {
    throw new InvalidCommand(
      'resolution',
      `must be one of ${SCAN_CONFLICT_RESOLUTIONS.join(', ')}`,
    );
  }
  if (typeof note !== 'string' || note.trim() === '') {
    throw new InvalidCommand('note', 'must say what was done about the conflict');
  }
  if (conflict.resolution) return [];
  return [
    {
      type: 'ScanConflictResolved',
      version: 1,
      data: {
        conflictId: conflict.conflictId,
        resolution: resolution as ScanConflictResolution,
        note: note.trim(),
        at,
      },
    },
  ];
}

export function evolveScanConflict(
  state: ScanConflict | null,
  event: ScanConflictEvent,
): ScanConflict | null {
  if (event.type === 'ScanConflictRecorded') {
    const { at, ...rest } = event.data;
    return { ...rest, recordedAt: at, resolution: null };
  }
  if (!state) return state;
  const { resolution, note, at } = event.data;
  return { ...state, resolution: { resolution, note, at } };
}
