import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models that replace per-request scans at national scale:
 *
 * - one row per stream for hospital demand, plant status, alert handling and scan conflicts
 *   (`StreamStateProjection`), so lists read a table instead of one stream per row, and the
 *   scan-conflict queue no longer reads the whole ledger;
 * - `stock_movements`, kept by the `cylinders` projection: each change of a facility's stock
 *   by instant, so stock at a past instant is a sum instead of a replay of every cylinder seen
 *   there. The `cylinders` projection's tables are emptied and its checkpoint reset so it
 *   replays the ledger and fills the new table from the first event.
 */
export class NationalScaleReadModels1795846000100 implements MigrationInterface {
  name = 'NationalScaleReadModels1795846000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['hospital_demand', 'plant_states', 'alert_handling']) {
      await queryRunner.query(`
        CREATE TABLE app.${table} (
          key      text PRIMARY KEY,
          revision bigint NOT NULL,
          state    jsonb  NOT NULL
        )`);
    }
    await queryRunner.query(`
      CREATE TABLE app.scan_conflicts (
        key         text PRIMARY KEY,
        revision    bigint      NOT NULL,
        state       jsonb       NOT NULL,
        trip_id     text        NOT NULL,
        facility_id text        NOT NULL,
        recorded_at timestamptz NOT NULL,
        resolved    boolean     NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX scan_conflicts_queue_idx ON app.scan_conflicts (resolved, recorded_at, key)',
    );
    await queryRunner.query(`
      CREATE TABLE app.stock_movements (
        facility_id   text        NOT NULL,
        at            timestamptz NOT NULL,
        owner_id      text        NOT NULL,
        size_code     text        NOT NULL,
        status        text        NOT NULL,
        count         integer     NOT NULL,
        oxygen_litres bigint      NOT NULL,
        PRIMARY KEY (facility_id, at, owner_id, size_code, status)
      )`);
    await queryRunner.query(
      'TRUNCATE app.cylinder_states, app.stock, app.daily_fills, app.cylinder_visits, app.daily_consumption, app.lot_fills',
    );
    await queryRunner.query(`DELETE FROM app.projection_checkpoints WHERE name LIKE 'cylinders%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'stock_movements',
      'scan_conflicts',
      'alert_handling',
      'plant_states',
      'hospital_demand',
    ]) {
      await queryRunner.query(`DROP TABLE app.${table}`);
    }
  }
}
