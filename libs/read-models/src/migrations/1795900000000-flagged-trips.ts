import type { MigrationInterface, QueryRunner } from 'typeorm';
import { reconcileTrip } from '../trips/trip-reconciliation';
import type { TripRecord } from '../trips/trips.projection';

const BATCH = 500;

/**
 * `trips.flagged`: a completed trip that left cylinders unaccounted for, as `reconcileTrip`
 * says, kept by the `trips` projection; the reconciliation list reads the flagged trips of a
 * period through a partial index instead of reconciling every completed trip per request.
 * Existing rows are reconciled here, a batch at a time.
 */
export class FlaggedTrips1795900000000 implements MigrationInterface {
  name = 'FlaggedTrips1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE app.trips ADD COLUMN flagged boolean NOT NULL DEFAULT false`,
    );
    let after = '';
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT trip_id, record FROM app.trips
         WHERE status = 'COMPLETED' AND trip_id > $1 ORDER BY trip_id LIMIT $2`,
        [after, BATCH],
      )) as { trip_id: string; record: TripRecord }[];
      if (rows.length === 0) break;
      const flagged = rows.filter((row) => reconcileTrip(row.record).flagged);
      if (flagged.length > 0) {
        await queryRunner.query(`UPDATE app.trips SET flagged = true WHERE trip_id = ANY($1)`, [
          flagged.map((row) => row.trip_id),
        ]);
      }
      after = rows[rows.length - 1].trip_id;
    }
    await queryRunner.query(
      `CREATE INDEX trips_flagged_completed_at ON app.trips (completed_at) WHERE flagged`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.trips_flagged_completed_at`);
    await queryRunner.query(`ALTER TABLE app.trips DROP COLUMN flagged`);
  }
}
