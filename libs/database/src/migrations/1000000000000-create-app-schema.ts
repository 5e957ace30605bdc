import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `app` schema holds the platform's non-ledger tables (users, read models, ...); the ledger
 * lives in `ledger`. Its timestamp is the smallest TypeORM accepts so that it runs before every
 * other migration, whatever timestamp those carry.
 */
export class CreateAppSchema1000000000000 implements MigrationInterface {
  name = 'CreateAppSchema1000000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS app');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA app');
  }
}
