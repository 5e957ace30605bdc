import 'reflect-metadata';
import { ConfigError, ensureDatabaseExists, loadConfig } from '@oxyledger/config';
import { appDataSourceOptions, runMigrationsUnderLock } from '@oxyledger/database';
import { createEventStore } from '@oxyledger/event-store';
import { PROJECTIONS, rebuildProjection } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';

/**
 * `npm run projections:rebuild -- <name|all>`: rebuilds read models from the start of the
 * ledger into fresh tables and swaps them in, while the api and the projector keep running.
 */
async function main(args: string[]): Promise<number> {
  const known = PROJECTIONS.map((create) => create());
  const names = known.map((projection) => projection.name);
  const wanted = args.filter((arg) => arg !== '--');
  if (wanted.length === 0) {
    console.error(`Usage: npm run projections:rebuild -- <${[...names, 'all'].join('|')}> …`);
    return 2;
  }
  const unknown = wanted.filter((name) => name !== 'all' && !names.includes(name));
  if (unknown.length > 0) {
    console.error(
      `Unknown projection ${unknown.join(', ')}: known are ${names.join(', ')}, or all`,
    );
    return 2;
  }
  const chosen = wanted.includes('all') ? known : known.filter((p) => wanted.includes(p.name));

  const config = loadConfig();
  await ensureDatabaseExists(config.databaseUrl);
  const dataSource = await new DataSource(appDataSourceOptions(config.databaseUrl)).initialize();
  const store = await createEventStore({
    kind: config.eventStore.kind,
    databaseUrl: config.databaseUrl,
    eventStoreConnectionString: config.eventStore.connectionString,
  });
  try {
    await runMigrationsUnderLock(dataSource, { log: (message) => console.log(message) });
    for (const projection of chosen) {
      console.log(
        `Rebuilding '${projection.name}' (${projection.tables.join(', ')}) from the start`,
      );
      const result = await rebuildProjection(store, dataSource, projection, {
        onProgress: (p) =>
          console.log(`  ${p.projection}: ${p.events} events, ${p.eventsPerSecond} events/s`),
      });
      console.log(
        `Swapped in '${projection.name}': ${result.events} events in ` +
          `${(result.elapsedMs / 1000).toFixed(1)} s (${result.eventsPerSecond} events/s)`,
      );
    }
    return 0;
  } finally {
    await store.close();
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
