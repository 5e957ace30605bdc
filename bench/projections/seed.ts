import { performance } from 'node:perf_hooks';
import type { EventStore } from '@oxyledger/event-store';
import {
  type CylinderFleet,
  isCylinderStream,
  OPERATIONS_PER_CYCLE,
  toAppendRequests,
} from './fleet';

export interface SeedOptions {
  cycles: number;
  /** Concurrent appenders. */
  writers: number;
  /** Each append holds the same operation of this many groups (20 cylinders each, by default). */
  groupsPerAppend: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  cylinderEvents: number;
  tripEvents: number;
  appends: number;
  seconds: number;
  /** Time spent deciding events and building the append requests (this process). */
  generateSeconds: number;
}

/**
 * Registers the fleet and runs it `cycles` times round the loop, appending as it goes. The log
 * is written operation by operation across the whole fleet (every group's fill, then every
 * group's dispatch, …), as a real day interleaves many cylinders: a page of the log touches
 * nearly as many cylinders as it holds events, the demanding case for a projection. Within one
 * operation, `writers` appenders share the groups; the next operation starts once all are in,
 * so a stream's appends never overlap.
 */
export async function seedFleet(
  store: EventStore,
  fleet: CylinderFleet,
  options: SeedOptions,
): Promise<SeedProgress> {
  const started = performance.now();
  const progress: SeedProgress = {
    cylinderEvents: 0,
    tripEvents: 0,
    appends: 0,
    seconds: 0,
    generateSeconds: 0,
  };
  let reportedAt = 0;
  const operations = 1 + options.cycles * OPERATIONS_PER_CYCLE;
  for (let operation = 0; operation < operations; operation++) {
    let nextGroup = 0;
    const writer = async () => {
      while (nextGroup < fleet.groups.length) {
        const groups = fleet.groups.slice(nextGroup, nextGroup + options.groupsPerAppend);
        nextGroup += groups.length;
        const generating = performance.now();
        const requests = groups.flatMap((group) => toAppendRequests(fleet.next(group)));
        progress.generateSeconds += (performance.now() - generating) / 1000;
        await store.appendToStreams(requests);
        progress.appends++;
        for (const request of requests) {
          if (isCylinderStream(request.streamName))
            progress.cylinderEvents += request.events.length;
          else progress.tripEvents += request.events.length;
        }
        const written = progress.cylinderEvents + progress.tripEvents;
        if (written - reportedAt >= 100_000) {
          reportedAt = written;
          progress.seconds = (performance.now() - started) / 1000;
          options.onProgress?.({ ...progress });
        }
      }
    };
    await Promise.all(Array.from({ length: options.writers }, writer));
  }
  progress.seconds = (performance.now() - started) / 1000;
  return progress;
}
