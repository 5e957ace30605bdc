import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each hospital's last known supply level, kept by the supply level watcher. */
export class SupplyLevels1795780000000 implements MigrationInterface {
  name = 'SupplyLevels1795780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.supply_levels (
        facility_id    text PRIMARY KEY,
        level          text        NOT NULL,
        days_of_supply double precision,
        changed_at     timestamptz NOT NULL,
        checked_at     timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.supply_levels');
  }
}
