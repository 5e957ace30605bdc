import type { TripView } from '../../api/views';
import type { QueuedCommand } from '../outbox/field-db';
import type { CylinderRef, ExpectedCylinders, TripManifest } from '../reference/reference-data';

/**
 * A trip as the phone knows it: what the api last said, plus the commands still queued or
 * kept as conflicts (refused ones are not counted: the ledger did not take them).
 */
export interface TripProgress {
  onBoard: Set<string>;
  loaded: Set<string>;
  servedStops: Map<string, { delivered: string[]; collected: string[]; queued: boolean }>;
  unloaded: Set<string>;
  completed: boolean;
}

export function tripProgress(trip: TripView, commands: QueuedCommand[]): TripProgress {
  const loaded = new Set(trip.loaded.map((cylinder) => cylinder.serial));
  const servedStops = new Map<
    string,
    { delivered: string[]; collected: string[]; queued: boolean }
  >();
  for (const stop of trip.stops) {
    if (stop.completed) {
      servedStops.set(stop.facilityId, {
        delivered: stop.delivered,
        collected: stop.collected.map((cylinder) => cylinder.serial),
        queued: false,
      });
    }
  }
  const unloaded = new Set(trip.unloaded.flatMap((unload) => unload.serials));
  let completed = ['COMPLETED', 'ABORTED', 'CANCELLED'].includes(trip.status);
  for (const command of commands) {
    const subject = command.subject;
    if (command.status === 'refused' || !('tripId' in subject) || subject.tripId !== trip.tripId)
      continue;
    if (command.status === 'done') continue; // the next refresh brings it from the api
    if (subject.kind === 'load') subject.serials.forEach((serial) => loaded.add(serial));
    if (subject.kind === 'delivery' && !servedStops.has(subject.facilityId)) {
      servedStops.set(subject.facilityId, {
        delivered: subject.delivered,
        collected: subject.collected,
        queued: true,
      });
    }
    if (subject.kind === 'unload') subject.serials.forEach((serial) => unloaded.add(serial));
    if (subject.kind === 'complete') completed = true;
  }
  const onBoard = new Set(loaded);
  for (const stop of servedStops.values()) {
    stop.delivered.forEach((serial) => onBoard.delete(serial));
    stop.collected.forEach((serial) => onBoard.add(serial));
  }
  unloaded.forEach((serial) => onBoard.delete(serial));
  return { onBoard, loaded, servedStops, unloaded, completed };
}

export type ScanVerdict =
  | { ok: true; serial: string; sizeCode?: string }
  | { ok: false; serial: string; sizeCode?: string; reason: ScanProblem; detail?: string };

export type ScanProblem =
  | 'already-scanned'
  | 'not-at-origin'
  | 'not-on-truck'
  | 'not-empty-here'
  | 'over-manifest'
  | 'unknown-here';

type Counts = Record<string, number>;

function sizeOf(serial: string, ...lists: CylinderRef[][]): string | undefined {
  for (const list of lists) {
    const found = list.find((cylinder) => cylinder.serial === serial);
    if (found) return found.sizeCode;
  }
  return undefined;
}

function overManifest(
  sizeCode: string | undefined,
  scanned: string[],
  planned: Counts | undefined,
  sizes: (serial: string) => string | undefined,
): boolean {
  if (!planned || !sizeCode) return false;
  const already = scanned.filter((serial) => sizes(serial) === sizeCode).length;
  return already + 1 > (planned[sizeCode] ?? 0);
}

/**
 * Checks a scan at once, against what this step expects: loading takes full cylinders at the
 * origin, a delivery those on the truck, a collection the empties waiting at the stop, an
 * unload at the plant what is still on the truck; beyond the manifest's count for a size is a
 * warning too. The driver may still keep a warned scan
 * (labels get swapped, the read model lags): the ledger decides when it arrives.
 */
export function checkScan(
  step: { kind: 'load' } | { kind: 'unload' } | { kind: 'deliver' | 'collect'; facilityId: string },
  serial: string,
  scanned: string[],
  context: {
    expected?: ExpectedCylinders;
    progress: TripProgress;
    manifest?: TripManifest | null;
  },
): ScanVerdict {
  const { expected, progress, manifest } = context;
  const atOrigin = expected?.atOrigin ?? [];
  const onBoardRefs = [...(expected?.onBoard ?? []), ...atOrigin];
  const empties =
    step.kind === 'load'
      ? []
      : step.kind === 'unload'
        ? (expected?.stops.flatMap((stop) => stop.empties) ?? [])
        : (expected?.stops.find((stop) => stop.facilityId === step.facilityId)?.empties ?? []);
  const sizes = (s: string) => sizeOf(s, onBoardRefs, empties);
  const sizeCode = sizes(serial);
  const verdict = (reason: ScanProblem): ScanVerdict => ({ ok: false, serial, sizeCode, reason });
  if (scanned.includes(serial)) return verdict('already-scanned');

  if (step.kind === 'load') {
    if (progress.loaded.has(serial)) return verdict('already-scanned');
    if (!atOrigin.some((cylinder) => cylinder.serial === serial)) return verdict('not-at-origin');
    // what is on board already counts against the manifest's load too
    const loading = [...progress.loaded, ...scanned];
    if (overManifest(sizeCode, loading, manifest?.loadAtOrigin, sizes))
      return verdict('over-manifest');
    return { ok: true, serial, sizeCode };
  }
  if (step.kind === 'unload') {
    if (progress.unloaded.has(serial)) return verdict('already-scanned');
    if (!progress.onBoard.has(serial)) return verdict('not-on-truck');
    return { ok: true, serial, sizeCode };
  }
  const stop = manifest?.stops.find((candidate) => candidate.facilityId === step.facilityId);
  if (step.kind === 'deliver') {
    if (!progress.onBoard.has(serial)) return verdict('not-on-truck');
    if (overManifest(sizeCode, scanned, stop?.deliver, sizes)) return verdict('over-manifest');
    return { ok: true, serial, sizeCode };
  }
  if (!empties.some((cylinder) => cylinder.serial === serial)) return verdict('not-empty-here');
  if (overManifest(sizeCode, scanned, stop?.collect, sizes)) return verdict('over-manifest');
  return { ok: true, serial, sizeCode };
}
