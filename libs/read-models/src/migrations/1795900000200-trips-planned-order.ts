import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trips list pages latest planned first: in index order, a page reads its own rows instead
 * of sorting every trip's record (the whole JSON of each) to keep fifty.
 */
export class TripsPlannedOrder1795900000200 implements MigrationInterface {
  name = 'TripsPlannedOrder1795900000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX trips_planned_order_idx ON app.trips (planned_at DESC, trip_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.trips_planned_order_idx`);
  }
}
