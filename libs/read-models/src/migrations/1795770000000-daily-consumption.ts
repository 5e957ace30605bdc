import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Oxygen used per hospital and day (cylinders marked empty), kept by the `cylinders` projection.
 * Its other tables are emptied and its checkpoint reset so it replays the ledger and fills the
 * new table from the first event.
 */
export class DailyConsumption1795770000000 implements MigrationInterface {
  name = 'DailyConsumption1795770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.daily_consumption (
        facility_id   text    NOT NULL,
        day           date    NOT NULL,
        size_code     text    NOT NULL,
        count         integer NOT NULL,
        oxygen_litres bigint  NOT NULL,
        PRIMARY KEY (facility_id, day, size_code)
      )`);
    await queryRunner.query(
      'TRUNCATE app.cylinder_states, app.stock, app.daily_fills, app.cylinder_visits',
    );
    await queryRunner.query(`DELETE FROM app.projection_checkpoints WHERE name LIKE 'cylinders%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.daily_consumption');
  }
}
