import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stock read models, and the trips. Read models are disposable: the old `cylinder_states`
 * (projection `cylinder-states`) is dropped and the new projections rebuild from the ledger.
 */
export class StockReadModels1795760000000 implements MigrationInterface {
  name = 'StockReadModels1795760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.cylinder_states');
    await queryRunner.query(`DELETE FROM app.projection_checkpoints`);
    await queryRunner.query(`
      ALTER TABLE app.projection_checkpoints
        ADD COLUMN last_event_at timestamptz,
        ADD COLUMN owner         text,
        ADD COLUMN last_error    text,
        ADD COLUMN last_error_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE app.cylinder_states (
        serial           text PRIMARY KEY,
        size_code        text NOT NULL,
        owner_id         text NOT NULL,
        status           text NOT NULL,
        facility_id      text,
        facility_kind    text,
        trip_id          text,
        location_since   timestamptz,
        status_since     timestamptz,
        last_event_type  text NOT NULL,
        last_event_at    timestamptz NOT NULL,
        last_fill_lot    text,
        last_fill_purity numeric,
        next_test_due    date NOT NULL,
        state            jsonb NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX cylinder_states_facility_idx ON app.cylinder_states (facility_id, status)',
    );
    await queryRunner.query(
      'CREATE INDEX cylinder_states_owner_idx ON app.cylinder_states (owner_id, facility_id)',
    );
    await queryRunner.query(
      'CREATE INDEX cylinder_states_trip_idx ON app.cylinder_states (trip_id) WHERE trip_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX cylinder_states_test_due_idx ON app.cylinder_states (next_test_due)',
    );
    await queryRunner.query(
      'CREATE INDEX cylinder_states_status_since_idx ON app.cylinder_states (status, location_since)',
    );
    await queryRunner.query(`
      CREATE TABLE app.stock (
        location_kind text    NOT NULL,
        location_id   text    NOT NULL,
        owner_id      text    NOT NULL,
        size_code     text    NOT NULL,
        status        text    NOT NULL,
        count         integer NOT NULL,
        oxygen_litres bigint  NOT NULL,
        PRIMARY KEY (location_kind, location_id, owner_id, size_code, status)
      )`);
    await queryRunner.query('CREATE INDEX stock_owner_idx ON app.stock (owner_id)');
    await queryRunner.query(`
      CREATE TABLE app.daily_fills (
        plant_id      text    NOT NULL,
        day           date    NOT NULL,
        size_code     text    NOT NULL,
        count         integer NOT NULL,
        oxygen_litres bigint  NOT NULL,
        PRIMARY KEY (plant_id, day, size_code)
      )`);
    await queryRunner.query(`
      CREATE TABLE app.cylinder_visits (
        facility_id text        NOT NULL,
        serial      text        NOT NULL,
        first_at    timestamptz NOT NULL,
        PRIMARY KEY (facility_id, serial)
      )`);
    await queryRunner.query(`
      CREATE TABLE app.trips (
        trip_id           text PRIMARY KEY,
        status            text        NOT NULL,
        origin_id         text        NOT NULL,
        vehicle_id        text        NOT NULL,
        driver_id         text        NOT NULL,
        planned_at        timestamptz NOT NULL,
        stop_facility_ids text[]      NOT NULL,
        on_board          integer     NOT NULL,
        created_at        timestamptz,
        updated_at        timestamptz NOT NULL,
        completed_at      timestamptz,
        record            jsonb       NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX trips_status_idx ON app.trips (status, planned_at)');
    await queryRunner.query('CREATE INDEX trips_driver_idx ON app.trips (driver_id)');
    await queryRunner.query(
      'CREATE INDEX trips_facilities_idx ON app.trips USING gin (stop_facility_ids)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['trips', 'cylinder_visits', 'daily_fills', 'stock', 'cylinder_states']) {
      await queryRunner.query(`DROP TABLE app.${table}`);
    }
    await queryRunner.query(`
      ALTER TABLE app.projection_checkpoints DROP COLUMN last_event_at, DROP COLUMN owner,
        DROP COLUMN last_error, DROP COLUMN last_error_at`);
    await queryRunner.query(`DELETE FROM app.projection_checkpoints`);
    await queryRunner.query(`
      CREATE TABLE app.cylinder_states (serial text PRIMARY KEY, size_code text NOT NULL,
        owner_id text NOT NULL, status text NOT NULL, facility_id text, trip_id text,
        last_event_type text NOT NULL, last_event_at timestamptz NOT NULL, last_fill_lot text,
        last_fill_purity numeric, next_test_due date NOT NULL, state jsonb NOT NULL)`);
  }
}
