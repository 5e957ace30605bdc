import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each hospital's whole supply status beside its level, kept by the supply level watcher, so
 * the supply lists and the rollup read stored rows instead of computing every hospital per
 * request. `computed_at` orders writes: a status computed earlier never replaces a later one.
 */
export class StoredHospitalSupply1795950000000 implements MigrationInterface {
  name = 'StoredHospitalSupply1795950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE app.supply_levels
        ADD COLUMN status      jsonb,
        ADD COLUMN computed_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE app.supply_levels DROP COLUMN status, DROP COLUMN computed_at',
    );
  }
}
