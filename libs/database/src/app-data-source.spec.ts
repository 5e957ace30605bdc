import { Test } from '@nestjs/testing';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { appDataSourceOptions, runMigrationsUnderLock } from './app-data-source';
import { DatabaseModule } from './database.module';
import { MIGRATIONS } from './migrations.registry';

/** Runs against the real local PostgreSQL server, in fresh databases of its own. */
let database: ScratchDatabase;

/** Slow enough that processes starting together would run it twice without the lock. */
class SlowMigration1795731727999 implements MigrationInterface {
  name = 'SlowMigration1795731727999';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.3)');
    await queryRunner.query('CREATE TABLE app.slow_probe (id int PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.slow_probe');
  }
}

async function dataSources(
  count: number,
  migrations: (new () => MigrationInterface)[] = MIGRATIONS,
): Promise<DataSource[]> {
  return Promise.all(
    Array.from({ length: count }, () =>
      new DataSource(appDataSourceOptions(database.url, migrations)).initialize(),
    ),
  );
}

const silent = { log: () => undefined };

describe('app migrations', () => {
  const opened: DataSource[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase('migrations');
  });

  afterAll(async () => {
    await Promise.all(opened.map((dataSource) => dataSource.destroy()));
    await database?.drop();
  });

  it('applies every registered migration once, also when several processes start at once', async () => {
    const sources = await dataSources(4);
    opened.push(...sources);

    const applied = await Promise.all(
      sources.map((dataSource) => runMigrationsUnderLock(dataSource, silent)),
    );

    const registered = MIGRATIONS.map((migration) => migration.name).sort(byTimestamp);
    expect(applied.filter((names) => names.length > 0)).toEqual([registered]);
    const [{ count }] = await sources[0].query(
      'SELECT count(*)::int AS count FROM typeorm_migrations',
    );
    expect(count).toBe(registered.length);
    const [{ exists }] = await sources[0].query(
      "SELECT to_regclass('app.users') IS NOT NULL AS exists",
    );
    expect(exists).toBe(true);
  });

  it('runs a new migration in one process while the others wait for it', async () => {
    const sources = await dataSources(3, [...MIGRATIONS, SlowMigration1795731727999]);
    opened.push(...sources);

    const applied = await Promise.all(
      sources.map((dataSource) => runMigrationsUnderLock(dataSource, silent)),
    );

    expect(applied.flat()).toEqual(['SlowMigration1795731727999']);
  });

  it('has nothing to do when the schema is up to date', async () => {
    const [dataSource] = await dataSources(1);
    opened.push(dataSource);

    await expect(runMigrationsUnderLock(dataSource, silent)).resolves.toEqual([]);
  });
});

describe('DatabaseModule.forRoot()', () => {
  const savedEnv = { ...process.env };
  let moduleDatabase: ScratchDatabase;

  beforeAll(async () => {
    moduleDatabase = await createScratchDatabase('module');
    process.env.DATABASE_URL = moduleDatabase.url;
  });

  afterAll(async () => {
    process.env = savedEnv;
    await moduleDatabase?.drop();
  });

  it('provides a migrated DataSource on DATABASE_URL and closes it on shutdown', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DatabaseModule.forRoot()],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const dataSource = app.get(DataSource);

    const [{ tables }] = await dataSource.query(
      "SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'app' AND tablename = 'users'",
    );
    expect(tables).toBe(1);

    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });
});

function byTimestamp(a: string, b: string): number {
  return Number(a.slice(-13)) - Number(b.slice(-13));
}
