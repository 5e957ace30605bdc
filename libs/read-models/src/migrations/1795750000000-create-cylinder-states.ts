import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projection checkpoints, and the first read model: each cylinder's current state. Read models
 * are disposable: they can be dropped and rebuilt from the ledger.
 */
export class CreateCylinderStates1795750000000 implements MigrationInterface {
  name = 'CreateCylinderStates1795750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.projection_checkpoints (
        name       text PRIMARY KEY,
        position   text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE app.cylinder_states (
        serial          text PRIMARY KEY,
        size_code       text NOT NULL,
        owner_id        text NOT NULL,
        status          text NOT NULL,
        facility_id     text,
        trip_id         text,
        last_event_type text NOT NULL,
        last_event_at   timestamptz NOT NULL,
        last_fill_lot   text,
        last_fill_purity numeric,
        next_test_due   date NOT NULL,
        state           jsonb NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX cylinder_states_where_idx ON app.cylinder_states (facility_id, status)',
    );
    await queryRunner.query(
      'CREATE INDEX cylinder_states_owner_idx ON app.cylinder_states (owner_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.cylinder_states');
    await queryRunner.query('DROP TABLE app.projection_checkpoints');
  }
}
