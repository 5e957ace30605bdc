import { Logger } from '@nestjs/common';
import type { DataSource, DataSourceOptions, MigrationInterface } from 'typeorm';
import { MIGRATIONS } from './migrations.registry';

/** Any constant works; it only has to be the same in every process of this application. */
export const MIGRATION_LOCK_KEY = 0x4f584150504d4947n; // "OXAPPMIG"

export const MIGRATIONS_TABLE_NAME = 'typeorm_migrations';

/**
 * TypeORM options for the platform's non-ledger tables (schema `app`): the schema is changed by
 * registered migrations only, never synchronised from the entities.
 */
export function appDataSourceOptions(
  databaseUrl: string,
  migrations: (new () => MigrationInterface)[] = MIGRATIONS,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    applicationName: 'oxyledger',
    synchronize: false,
    migrationsRun: false, // run by `runMigrationsUnderLock`, which several processes may call at once
    migrations,
    migrationsTableName: MIGRATIONS_TABLE_NAME,
    migrationsTransactionMode: 'each',
    logging: false,
  };
}

/**
 * Applies the pending migrations. Several processes may start at once: a session advisory lock,
 * held on a connection of its own, makes one of them migrate while the others wait, then find
 * nothing left to do. Returns the names of the migrations it applied.
 */
export async function runMigrationsUnderLock(
  dataSource: DataSource,
  logger: Pick<Logger, 'log'> = new Logger('Migrations'),
): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const migration of applied) logger.log(`Applied migration ${migration.name}`);
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    await lock.release();
  }
}
