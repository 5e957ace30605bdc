/**
 * A projector process, started by run.ts (through ProjectorProcess), never on its own: it
 * rebuilds a projection, as `npm run projections:rebuild` would in a process of its own, or runs
 * one live, as the projector app does, while run.ts appends and watches its checkpoint.
 */
import { performance } from 'node:perf_hooks';
import { appDataSourceOptions } from '@oxyledger/database';
import { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import { ProjectionWorker, projectionNamed, rebuildProjection } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { instrument, machineCpuSeconds, type Instrumented } from './instrument';
import { serveTasks } from '../shared/task-process';
import type { ChildTask, ChildResults, RebuildMeasurement } from './projector-process';

let connections: { store: PostgresEventStore; dataSource: DataSource; url: string } | undefined;
let live: { worker: ProjectionWorker; timed: Instrumented } | undefined;

async function perform(task: ChildTask): Promise<ChildResults[ChildTask['kind']]> {
  switch (task.kind) {
    case 'connect': {
      const store = await PostgresEventStore.connect({ connectionString: task.url });
      const dataSource = await new DataSource(appDataSourceOptions(task.url)).initialize();
      connections = { store, dataSource, url: task.url };
      return;
    }
    case 'rebuild':
      return rebuild(task.projection, task.batchSize);
    case 'live': {
      const { store, dataSource, url } = connected();
      const timed = instrument(store, projection(task.projection));
      const worker = new ProjectionWorker(timed.store, dataSource, timed.projection, {
        databaseUrl: url,
        log: (message) => console.log(`  [projector] ${message}`),
      });
      live = { worker, timed };
      worker.start();
      await worker.running();
      return;
    }
    case 'stopLive':
      return stopLive();
    case 'close':
      if (live) await stopLive();
      await connections?.store.close();
      await connections?.dataSource.destroy();
      connections = undefined;
      return;
  }
}

async function rebuild(name: string, batchSize?: number): Promise<RebuildMeasurement> {
  const { store, dataSource } = connected();
  const timed = instrument(store, projection(name));
  const cpuAtStart = process.cpuUsage();
  const machineAtStart = machineCpuSeconds();
  const start = performance.now();
  let lastReport = start;
  try {
    const result = await rebuildProjection(timed.store, dataSource, timed.projection, {
      batchSize,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastReport < 5_000) return;
        lastReport = now;
        console.log(
          `  ${progress.projection}: ${progress.events.toLocaleString('en-US')} events, ` +
            `${progress.eventsPerSecond.toLocaleString('en-US')} events/s`,
        );
      },
    });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuAtStart);
    const machineAtEnd = machineCpuSeconds();
    return {
      projection: name,
      events: result.events,
      seconds,
      eventsPerSec: result.events / seconds,
      batchSize: batchSize ?? null,
      projectorCpuSeconds: (cpu.user + cpu.system) / 1e6,
      machineBusyCpuSeconds:
        machineAtStart && machineAtEnd ? machineAtEnd.busy - machineAtStart.busy : null,
      timings: timed.timings,
    };
  } finally {
    timed.stop();
  }
}

async function stopLive() {
  if (!live) throw new Error('no live projection');
  await live.worker.stop();
  live.timed.stop();
  const { timings } = live.timed;
  live = undefined;
  return timings;
}

function projection(name: string) {
  const found = projectionNamed(name);
  if (!found) throw new Error(`No projection named '${name}'`);
  return found;
}

function connected() {
  if (!connections) throw new Error('not connected');
  return connections;
}

serveTasks(perform, () => connections !== undefined);
