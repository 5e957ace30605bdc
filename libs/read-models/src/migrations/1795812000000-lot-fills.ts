import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every fill by lot, passed or failed QC, kept by the `cylinders` projection: which cylinders a
 * lot recall reaches, and QC failures per lot. The projection's tables are emptied and its
 * checkpoint reset so it replays the ledger and fills the new table from the first event.
 */
export class LotFills1795812000000 implements MigrationInterface {
  name = 'LotFills1795812000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.lot_fills (
        lot            text        NOT NULL,
        serial         text        NOT NULL,
        filled_at      timestamptz NOT NULL,
        plant_id       text        NOT NULL,
        size_code      text        NOT NULL,
        purity_percent numeric     NOT NULL,
        pressure_bar   numeric     NOT NULL,
        qc_passed      boolean     NOT NULL,
        PRIMARY KEY (lot, serial, filled_at)
      )`);
    await queryRunner.query(
      'CREATE INDEX lot_fills_plant_idx ON app.lot_fills (plant_id, filled_at)',
    );
    await queryRunner.query(
      'TRUNCATE app.cylinder_states, app.stock, app.daily_fills, app.cylinder_visits, app.daily_consumption',
    );
    await queryRunner.query(`DELETE FROM app.projection_checkpoints WHERE name LIKE 'cylinders%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.lot_fills');
  }
}
