import { writeFile } from 'node:fs/promises';

/** How often the file is touched; a container health check allows three times this. */
export const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * For apps without HTTP (projector, planner): touches `path` every few seconds while the event
 * loop runs, so a container HEALTHCHECK can tell a live process from a stuck one by the file's
 * age. Stops with the process; the timer does not keep it alive.
 */
export function startHeartbeat(path: string): void {
  const beat = () => void writeFile(path, new Date().toISOString()).catch(() => undefined);
  beat();
  setInterval(beat, HEARTBEAT_INTERVAL_MS).unref();
}
