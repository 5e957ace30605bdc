import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ensureDatabaseExists } from '@oxyledger/config';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { PROJECTIONS, rebuildProjection } from '@oxyledger/read-models';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from '../../access/actor';
import { UsersService } from '../../access/users/users.service';
import { NetworkService } from '@oxyledger/network';
import { DEMO_PASSWORD } from '../demo-network';
import { SeededRandom } from '../seeded-random';
import { BulkLedgerWriter } from './bulk-ledger-writer';
import { buildNationalNetwork } from './national-network';
import { NationalSimulation } from './national-simulation';

const USAGE = `Usage: npm run demo:generate -- [--hospitals 300] [--producers 20] [--vehicles 60]
  [--days 60] [--seed 2026] [--end 2026-12-03T00:00:00Z] [--database-url postgres://…]
  [--reset] [--no-projections]

Builds a national network over Iraq's 19 governorates and simulates its operations through the
domain's deciders into an empty database (--reset drops and recreates it first), then builds
the read models from the ledger. The history ends at --end (default: today, 00:00 UTC).`;

const DAY_MS = 86_400_000;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${name} must be a positive integer, got '${raw}'`);
  return value;
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      hospitals: { type: 'string' },
      producers: { type: 'string' },
      vehicles: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      end: { type: 'string' },
      'database-url': { type: 'string' },
      reset: { type: 'boolean', default: false },
      'no-projections': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const size = {
    hospitals: positive('hospitals', values.hospitals, 300),
    producers: positive('producers', values.producers, 20),
    vehicles: positive('vehicles', values.vehicles, 60),
  };
  const days = positive('days', values.days, 60);
  const seed = positive('seed', values.seed, 2026);
  const end =
    values.end === undefined ? Math.floor(Date.now() / DAY_MS) * DAY_MS : Date.parse(values.end);
  if (Number.isNaN(end))
    throw new UsageError(`--end must be an ISO 8601 instant, got '${values.end}'`);
  if (size.vehicles < size.producers)
    throw new UsageError('--vehicles must be at least --producers (a truck per plant)');

  const databaseUrl =
    values['database-url'] ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/oxyledger_scale';
  if (values.reset) await dropDatabase(databaseUrl);
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    EVENT_STORE: 'postgres',
    LOG_LEVEL: 'warn',
    DEMO_SEED: 'false',
  });
  await ensureDatabaseExists(databaseUrl);

  const started = performance.now();
  const { AppModule } = await import('../../app.module');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    if ((await store.readAll({ maxCount: 1 })).length > 0) {
      throw new UsageError(
        `The ledger of ${redact(databaseUrl)} already holds events: use --reset to start over`,
      );
    }
    const random = new SeededRandom(seed);
    const network = buildNationalNetwork(size, random);
    const facilities = app.get(NetworkService);
    const users = app.get(UsersService);
    process.stderr.write(
      `Network: ${network.hospitals.length} hospitals, ${network.plants.length} plants, ${size.vehicles} trucks, ${network.suppliers.length} suppliers\n`,
    );
    for (const plant of network.plants) {
      await facilities.ensureFacility(plant.facility);
      for (const vehicle of plant.vehicles) await facilities.ensureVehicle(vehicle);
    }
    for (const hospital of network.hospitals) await facilities.ensureFacility(hospital.facility);

    const account = async (
      input: Omit<Parameters<UsersService['ensureUser']>[0], 'password'>,
    ): Promise<Actor> => {
      const { user } = await users.ensureUser({ ...input, password: DEMO_PASSWORD });
      return { userId: user.id, role: user.role, facilityId: user.facilityId ?? undefined };
    };
    const admin = await account({ username: 'admin', role: 'admin', displayName: 'Administrator' });
    await account({ username: 'analyst', role: 'analyst', displayName: 'Ministry analyst' });
    for (const supplierId of network.suppliers) {
      await account({ username: `dispatcher-${supplierId}`, role: 'dispatcher', supplierId });
    }
    const driversByVehicle = new Map<string, Actor>();
    for (const plant of network.plants) {
      for (const vehicle of plant.vehicles) {
        const driver = await account({
          username: `driver-${vehicle.id}`,
          role: 'driver',
          supplierId: plant.facility.supplierId,
          homePlantId: plant.facility.id,
        });
        driversByVehicle.set(vehicle.id, driver);
      }
    }

    const writer = new BulkLedgerWriter((requests) => store.appendToStreams(requests), random);
    const simulation = new NationalSimulation(network, writer, random, { admin, driversByVehicle });
    const simulating = performance.now();
    await simulation.run(end - days * DAY_MS, days, ({ day, events }) =>
      progressBar(
        `day ${day}/${days}`,
        day / days,
        `${events.toLocaleString('en')} events, ${rate(events, simulating)} events/s`,
      ),
    );
    process.stderr.write('\n');
    const seconds = (performance.now() - simulating) / 1000;
    console.log(
      `Ledger: ${writer.written.toLocaleString('en')} events in ${seconds.toFixed(1)} s ` +
        `(${Math.round(writer.written / seconds)} events/s, appends ${(writer.appendMs / 1000).toFixed(1)} s); ${simulation.stats.cylinders} cylinders, ` +
        `${simulation.stats.trips} trips, ${simulation.stats.qcFailures} QC failures, ` +
        `${simulation.stats.scanConflicts} scan conflicts, ${simulation.stats.lost} cylinders lost`,
    );

    // Servers that keep a national ledger run autovacuum, which analyses tables after a bulk
    // load; development and CI servers often don't, and without statistics the planner takes
    // the half-million-row ledger for empty (seconds instead of milliseconds for a lag count).
    const dataSource = app.get(DataSource);
    await dataSource.query('ANALYZE');
    if (!values['no-projections']) {
      for (const create of PROJECTIONS) {
        const projection = create();
        const result = await rebuildProjection(store, dataSource, projection, {
          onProgress: (p) =>
            progressBar(
              `read model ${projection.name}`,
              0,
              `${p.events.toLocaleString('en')} events, ${p.eventsPerSecond} events/s`,
            ),
        });
        process.stderr.write('\n');
        console.log(
          `Read model '${projection.name}': ${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s (${result.eventsPerSecond} events/s)`,
        );
      }
      await dataSource.query('ANALYZE');
    }
    console.log(
      `Done in ${((performance.now() - started) / 1000).toFixed(0)} s. Logins: admin, analyst, dispatcher-<supplier>, driver-<truck> / ${DEMO_PASSWORD}`,
    );
  } finally {
    await app.close();
  }
}

function progressBar(label: string, fraction: number, detail: string): void {
  if (!process.stderr.isTTY) {
    process.stderr.write(`${label}: ${detail}\n`);
    return;
  }
  const width = 30;
  const done = Math.round(Math.min(1, fraction) * width);
  process.stderr.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${label} ${detail}   `);
}

function rate(events: number, since: number): number {
  return Math.round(events / Math.max(0.001, (performance.now() - since) / 1000));
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function redact(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.password = '';
  return url.toString();
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
