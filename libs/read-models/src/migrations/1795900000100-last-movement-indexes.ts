import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hospital's last cylinder movement (the reporting gaps) is the latest arrival in
 * `cylinder_visits` and the latest event of a cylinder held there: with these, each is one
 * index probe per hospital instead of a walk over every cylinder that ever visited it.
 */
export class LastMovementIndexes1795900000100 implements MigrationInterface {
  name = 'LastMovementIndexes1795900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX cylinder_visits_facility_first_at_idx ON app.cylinder_visits (facility_id, first_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX cylinder_states_facility_last_event_idx ON app.cylinder_states (facility_id, last_event_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.cylinder_states_facility_last_event_idx`);
    await queryRunner.query(`DROP INDEX app.cylinder_visits_facility_first_at_idx`);
  }
}
