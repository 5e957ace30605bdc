import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app.users`: who may log in, with which role and scope. Usernames are unique regardless of
 * case; the role/scope rules of `../users/user-rules.ts` are repeated as checks so that no
 * code path can store a producer without a facility.
 */
export class CreateUsers1795731727450 implements MigrationInterface {
  name = 'CreateUsers1795731727450';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.users (
        id            uuid PRIMARY KEY,
        username      text NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
        display_name  text NOT NULL,
        password_hash text NOT NULL,
        role          text NOT NULL
          CHECK (role IN ('producer', 'driver', 'hospital', 'dispatcher', 'analyst', 'admin')),
        facility_id   text,
        supplier_id   text,
        active        boolean NOT NULL DEFAULT true,
        token_version integer NOT NULL DEFAULT 0,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_facility_matches_role
          CHECK ((role IN ('producer', 'hospital')) = (facility_id IS NOT NULL)),
        CONSTRAINT users_supplier_matches_role
          CHECK (supplier_id IS NULL OR role IN ('dispatcher', 'driver'))
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX users_username_key ON app.users (lower(username))',
    );
    await queryRunner.query('CREATE INDEX users_facility_id_idx ON app.users (facility_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.users');
  }
}
