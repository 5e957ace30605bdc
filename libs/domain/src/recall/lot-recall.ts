import { cylinderEvent, CylinderEvent, CylinderEventType } from '../cylinder/cylinder.events';
import { CylinderState, cylinderLocation } from '../cylinder/cylinder.state';
import { CylinderStates, StreamEvents } from '../operations/operation-decision';
import { cylinderStreamName } from '../cylinder/cylinder.events';
import { DomainError, InvalidCommand } from '../shared/domain-error';
import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';
import { requireInstant, requireText } from '../shared/validation';

/**
 * A lot recall: a lot that fails QC after the fact is quarantined wherever its cylinders are —
 * plant, truck or hospital — and the platform says who received it. The recall is its own
 * stream (`lot-recall-<lot>`): it fixes the lot's cylinders when it starts, then records each
 * bounded chunk of them together with their quarantines in one atomic append, so a recall cut
 * short by a crash resumes where it stopped and quarantines every cylinder exactly once.
 */
export const LotRecallEventType = {
  Started: 'LotRecallStarted',
  ChunkRecorded: 'LotRecallChunkRecorded',
  Completed: 'LotRecallCompleted',
} as const;

/** What the recall found for one cylinder of the lot, and did. */
export type RecallOutcome =
  /** Full, on a truck or in use: quarantined now. */
  | 'quarantined'
  | 'already-quarantined'
  /** Used up (emptied) since the fill: the oxygen may have reached patients. */
  | 'emptied'
  /** Filled again with another lot since: this lot's oxygen is gone from it. */
  | 'refilled'
  | 'lost'
  | 'condemned';

export interface RecallResult {
  serial: string;
  outcome: RecallOutcome;
  /** Its status when the recall reached it. */
  status: string;
  /** Where it was then: a facility or a trip. */
  location: { kind: 'facility' | 'trip'; id: string } | null;
  /** Hospitals it was delivered to since the lot's fill. */
  deliveredTo: string[];
  /** Put in use or emptied after the fill (at a hospital): possible patient exposure. */
  exposed: boolean;
}

export type LotRecallStarted = VersionedEvent<
  typeof LotRecallEventType.Started,
  { lot: string; reason: string; serials: string[]; at: IsoInstant }
>;

export type LotRecallChunkRecorded = VersionedEvent<
  typeof LotRecallEventType.ChunkRecorded,
  { lot: string; results: RecallResult[]; at: IsoInstant }
>;

export type LotRecallCompleted = VersionedEvent<
  typeof LotRecallEventType.Completed,
  { lot: string; quarantined: number; exposed: number; at: IsoInstant }
>;

export type LotRecallEvent = LotRecallStarted | LotRecallChunkRecorded | LotRecallCompleted;

export const LOT_RECALL_EVENT_VERSIONS: Readonly<Record<LotRecallEvent['type'], number>> = {
  LotRecallStarted: 1,
  LotRecallChunkRecorded: 1,
  LotRecallCompleted: 1,
};

export interface LotRecall {
  lot: string;
  reason: string;
  startedAt: IsoInstant;
  /** The lot's cylinders, fixed when the recall started. */
  serials: string[];
  results: RecallResult[];
  completedAt: IsoInstant | null;
}

export type LotRecallState = LotRecall | null;

export function lotRecallStreamName(lot: string): string {
  return `lot-recall-${encodeURIComponent(lot)}`;
}

/** Every quarantine reason of a recall starts so, for the alerts that tell the holders. */
export const RECALL_REASON_PREFIX = 'Recall of lot ';

/** Cylinders quarantined by the recall of `lot` carry this reason, so holders can be told. */
export function recallQuarantineReason(lot: string, reason: string): string {
  return `${RECALL_REASON_PREFIX}${lot}: ${reason}`;
}

export class LotHasNoCylinders extends DomainError {
  readonly code = 'recall.lot-unknown';
  readonly kind = 'not-found';
  constructor(lot: string) {
    super(`No cylinder was ever filled with lot ${lot}: there is nothing to recall`, {
      rule: 'a recall names a lot that was filled',
      lot,
    });
  }
}

/** `LotRecallStarted`, or nothing when the recall already started (a resume). */
export function startLotRecall(
  state: LotRecallState,
  request: { lot: string; reason: string; serials: readonly string[]; at: IsoInstant },
): LotRecallEvent[] {
  if (state !== null) return [];
  const lot = requireText(request.lot, 'lot', {}, 64);
  const reason = requireText(request.reason, 'reason', {}, 500);
  const at = requireInstant(request.at, 'at');
  if (request.serials.length === 0) throw new LotHasNoCylinders(lot);
  const serials = [...new Set(request.serials)].sort();
  return [{ type: LotRecallEventType.Started, version: 1, data: { lot, reason, serials, at } }];
}

/** The next cylinders the recall has not reached yet, at most `size` of them. */
export function nextRecallChunk(state: LotRecall, size: number): string[] {
  if (!Number.isInteger(size) || size < 1)
    throw new InvalidCommand('chunkSize', 'must be a whole number, at least 1');
  const reached = new Set(state.results.map((result) => result.serial));
  return state.serials.filter((serial) => !reached.has(serial)).slice(0, size);
}

/**
 * One chunk of the recall: its results on the recall's stream and a `CylinderQuarantined` on
 * each cylinder of the lot still holding its oxygen, appended together; and `LotRecallCompleted`
 * with the last chunk. `cylinders` holds the chunk's current states.
 */
export function decideRecallChunk(
  state: LotRecall,
  chunk: readonly string[],
  cylinders: CylinderStates,
  at: IsoInstant,
): { recall: LotRecallEvent[]; streams: StreamEvents[] } {
  requireInstant(at, 'at');
  const results: RecallResult[] = [];
  const streams: StreamEvents[] = [];
  for (const serial of chunk) {
    const cylinder = cylinders.get(serial) ?? { status: 'UNREGISTERED' as const };
    const { result, events } = recallCylinder(serial, cylinder, state, at);
    results.push(result);
    if (events.length > 0) streams.push({ streamName: cylinderStreamName(serial), events });
  }
  const recall: LotRecallEvent[] = [
    { type: LotRecallEventType.ChunkRecorded, version: 1, data: { lot: state.lot, results, at } },
  ];
  const after = recall.reduce(evolveLotRecall, state)!;
  if (after.results.length === after.serials.length) {
    recall.push({
      type: LotRecallEventType.Completed,
      version: 1,
      data: {
        lot: state.lot,
        quarantined: after.results.filter((r) => r.outcome === 'quarantined').length,
        exposed: after.results.filter((r) => r.exposed).length,
        at,
      },
    });
  }
  return {
    recall,
    streams: [{ streamName: lotRecallStreamName(state.lot), events: recall }, ...streams],
  };
}

function recallCylinder(
  serial: string,
  cylinder: CylinderState,
  recall: LotRecall,
  at: IsoInstant,
): { result: RecallResult; events: CylinderEvent[] } {
  if (cylinder.status === 'UNREGISTERED') {
    const result: RecallResult = {
      serial,
      outcome: 'refilled',
      status: 'UNREGISTERED',
      location: null,
      deliveredTo: [],
      exposed: false,
    };
    return { result, events: [] };
  }
  const location = cylinderLocation(cylinder);
  const sameLot = cylinder.lastFillLot === recall.lot;
  const deliveredTo = sameLot ? [...(cylinder.deliveredSinceFill ?? [])] : [];
  const base = {
    serial,
    status: cylinder.status,
    location: location
      ? {
          kind: location.kind,
          id: location.kind === 'facility' ? location.facilityId : location.tripId,
        }
      : null,
    deliveredTo,
  };
  const none = (outcome: RecallOutcome, exposed: boolean) => ({
    result: { ...base, outcome, exposed },
    events: [],
  });
  if (!sameLot) return none('refilled', false);
  const atHospital = location?.kind === 'facility' && location.facilityKind === 'hospital';
  switch (cylinder.status) {
    case 'CONDEMNED':
      return none('condemned', false);
    case 'LOST':
      return none('lost', cylinder.lastStatus === 'IN_USE');
    case 'QUARANTINED':
      return none('already-quarantined', false);
    case 'EMPTY':
      return none('emptied', deliveredTo.length > 0 || atHospital);
    case 'IN_TRANSIT':
      if (cylinder.load === 'empty') return none('emptied', true);
      break;
  }
  const previousStatus = cylinder.status === 'IN_USE' ? 'IN_USE' : 'FULL';
  return {
    result: { ...base, outcome: 'quarantined', exposed: cylinder.status === 'IN_USE' },
    events: [
      cylinderEvent(CylinderEventType.Quarantined, {
        serial,
        reason: recallQuarantineReason(recall.lot, recall.reason),
        previousStatus,
        at,
      }),
    ],
  };
}

export function evolveLotRecall(state: LotRecallState, event: LotRecallEvent): LotRecallState {
  switch (event.type) {
    case LotRecallEventType.Started:
      return {
        lot: event.data.lot,
        reason: event.data.reason,
        startedAt: event.data.at,
        serials: [...event.data.serials],
        results: [],
        completedAt: null,
      };
    case LotRecallEventType.ChunkRecorded:
      return state && { ...state, results: [...state.results, ...event.data.results] };
    case LotRecallEventType.Completed:
      return state && { ...state, completedAt: event.data.at };
  }
}

/** The recall report's figures: how many were where, and the hospitals that received the lot. */
export function summarizeLotRecall(recall: LotRecall) {
  const count = (outcome: RecallOutcome) =>
    recall.results.filter((result) => result.outcome === outcome).length;
  return {
    cylinders: recall.serials.length,
    reached: recall.results.length,
    quarantined: count('quarantined'),
    alreadyQuarantined: count('already-quarantined'),
    emptied: count('emptied'),
    refilled: count('refilled'),
    lost: count('lost'),
    condemned: count('condemned'),
    possiblyExposed: recall.results.filter((result) => result.exposed).length,
    hospitalsReceived: [...new Set(recall.results.flatMap((result) => result.deliveredTo))].sort(),
  };
}
