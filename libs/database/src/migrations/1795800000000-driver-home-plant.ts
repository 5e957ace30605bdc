import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A driver's home plant: the planner gives a truck a driver based where the truck is, never one
 * from another plant of the same supplier hundreds of kilometres away. Kept apart from
 * `facility_id`, which scopes what producer and hospital users may do.
 */
export class DriverHomePlant1795800000000 implements MigrationInterface {
  name = 'DriverHomePlant1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE app.users ADD COLUMN home_facility_id text,
        ADD CONSTRAINT users_home_facility_only_drivers
          CHECK (home_facility_id IS NULL OR role = 'driver')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE app.users DROP CONSTRAINT users_home_facility_only_drivers, DROP COLUMN home_facility_id',
    );
  }
}
