/**
 * A worker process holding one store (see StoreWorker). Started by run.ts, never on its own.
 */
import { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import type { OursTarget } from './ours';
import { seed, timeReadAll } from './read-all';
import { summarize } from './stats';
import { measureSubscriptionLatency } from './subscription-latency';
import { serveTasks } from '../shared/task-process';
import type { Task, TaskResults } from './worker-client';
import { runAppendWorkload, type AppendTarget } from './workload';

let target: AppendTarget | undefined;
let connectionString = '';

async function perform(task: Task): Promise<TaskResults[Task['kind']]> {
  switch (task.kind) {
    case 'connect': {
      connectionString = task.connectionString;
      // Loaded on demand so the ours worker never loads Emmett (and its pg type parsers).
      target =
        task.target === 'ours'
          ? await (await import('./ours')).OursTarget.connect(connectionString, task.poolSize)
          : await (await import('./emmett')).EmmettTarget.connect(connectionString, task.poolSize);
      return;
    }
    case 'append': {
      const result = await runAppendWorkload(required(), task.workload);
      return {
        appends: result.appends,
        events: result.events,
        seconds: result.seconds,
        latencyMs: summarize(result.latenciesMs),
      };
    }
    case 'seed': {
      const seconds = await seed(ours(), {
        ...task.options,
        onProgress: (written, elapsed) =>
          console.log(
            `  seeded ${written.toLocaleString('en-US')} events in ${elapsed.toFixed(1)} s ` +
              `(${Math.round(written / elapsed).toLocaleString('en-US')} events/s)`,
          ),
      });
      return { seconds };
    }
    case 'readAll':
      return timeReadAll(ours(), task);
    case 'latency': {
      const writer = ours();
      const subscriber = task.separateSubscriberStore
        ? await PostgresEventStore.connect({ connectionString, maxConnections: 2 })
        : writer;
      try {
        const result = await measureSubscriptionLatency(writer, subscriber, task.options);
        return { latencyMs: summarize(result.latenciesMs), missed: result.missed };
      } finally {
        if (subscriber !== writer) await subscriber.close();
      }
    }
    case 'close':
      await target?.close();
      target = undefined;
      return;
  }
}

function required(): AppendTarget {
  if (!target) throw new Error('not connected');
  return target;
}

function ours(): PostgresEventStore {
  const current = required();
  if (current.name !== 'ours') throw new Error(`${current.name} only runs the append workload`);
  return (current as OursTarget).store;
}

serveTasks(perform, () => target !== undefined);
