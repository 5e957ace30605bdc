import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `cylinder_states` rows are wide (each holds its whole state), so a read that groups thousands
 * of cylinders pays for every heap page. These indexes carry the few columns such reads use:
 * cylinders idle at hospitals (the alerts and `/attention/idle-at-hospitals`: a tenth of the
 * full and empty cylinders are at hospitals, the rest at plants), cylinders not seen for a
 * month (the alerts), and where a supplier's cylinders are and since when (its float).
 *
 * The plants page lists the lots of the last 30 days that had a QC failure: a few in a
 * hundred. The partial index on failed fills finds those lots without reading every fill.
 */
export class DashboardReadIndexes1795950000100 implements MigrationInterface {
  name = 'DashboardReadIndexes1795950000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX cylinder_states_idle_at_hospital_idx ON app.cylinder_states
         (status, location_since) INCLUDE (facility_id, owner_id) WHERE facility_kind = 'hospital'`,
    );
    await queryRunner.query(
      `CREATE INDEX cylinder_states_last_event_at_idx ON app.cylinder_states
         (last_event_at) INCLUDE (status, owner_id, facility_id, trip_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX cylinder_states_owner_place_idx ON app.cylinder_states
         (owner_id, status) INCLUDE (facility_id, trip_id, location_since)`,
    );
    await queryRunner.query(
      `CREATE INDEX lot_fills_qc_failed_idx ON app.lot_fills (plant_id, filled_at) INCLUDE (lot)
         WHERE NOT qc_passed`,
    );
    await queryRunner.query('ANALYZE app.cylinder_states');
    await queryRunner.query('ANALYZE app.lot_fills');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX app.lot_fills_qc_failed_idx');
    await queryRunner.query('DROP INDEX app.cylinder_states_owner_place_idx');
    await queryRunner.query('DROP INDEX app.cylinder_states_last_event_at_idx');
    await queryRunner.query('DROP INDEX app.cylinder_states_idle_at_hospital_idx');
  }
}
