import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `app.idempotency_keys`: the answer given to each (user, Idempotency-Key). */
export class CreateIdempotencyKeys1795740000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1795740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.idempotency_keys (
        user_id         text NOT NULL,
        key             text NOT NULL,
        request_hash    text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        completed_at    timestamptz,
        response_status integer,
        response_body   jsonb,
        PRIMARY KEY (user_id, key)
      )`);
    await queryRunner.query(
      'CREATE INDEX idempotency_keys_created_at_idx ON app.idempotency_keys (created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.idempotency_keys');
  }
}
