/**
 * A projector process for the crash test (projector-crash.spec.ts): runs every projection on
 * DATABASE_URL the way the projector app does, one ProjectionWorker each.
 *
 * - BATCH_SIZE: events per batch (default 500).
 * - BATCH_DELAY_MS: when set, each batch, once applied and its checkpoint moved but before it
 *   commits, prints `mid-batch <projection> <position of its last event>` and sleeps that long,
 *   so the parent can kill the process in the middle of a batch.
 *
 * Prints `running` once every projection runs here. Ends its workers cleanly on SIGTERM.
 *
 *     node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *       libs/read-models/test/projector-child.ts
 */
import { appDataSourceOptions } from '@oxyledger/database/app-data-source';
import { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import { DataSource } from 'typeorm';
import { ProjectionWorker } from '../src/projection-worker';
import { PROJECTIONS } from '../src/projections';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const batchSize = Number(process.env.BATCH_SIZE ?? 500);
  const delayMs = Number(process.env.BATCH_DELAY_MS ?? 0);

  const store = await PostgresEventStore.connect({
    connectionString: databaseUrl,
    maxConnections: 4,
    pollIntervalMs: 100,
  });
  const dataSource = await new DataSource(appDataSourceOptions(databaseUrl)).initialize();
  const workers = PROJECTIONS.map((create) => create()).map(
    (projection) =>
      new ProjectionWorker(store, dataSource, projection, {
        databaseUrl,
        batchSize,
        standbyPollMs: 100,
        retryDelayMs: 100,
        log: (message) => process.stderr.write(`${message}\n`),
        beforeCommit:
          delayMs > 0
            ? async (events) => {
                say(`mid-batch ${projection.name} ${events[events.length - 1].position}`);
                await new Promise((resolve) => setTimeout(resolve, delayMs));
              }
            : undefined,
      }),
  );

  process.once('SIGTERM', () => {
    void (async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await store.close();
      await dataSource.destroy();
      process.exit(0);
    })();
  });

  workers.forEach((worker) => worker.start());
  await Promise.all(workers.map((worker) => worker.running()));
  say('running');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
