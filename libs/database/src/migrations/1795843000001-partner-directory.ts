import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partner directory as master data with an audit history (not a read model: it is not
 * rebuilt from the ledger). `partner_directory_history` keeps every change, who made it and the
 * record before and after. Also lets `app.users` hold the `partner` role.
 */
export class PartnerDirectory1795843000001 implements MigrationInterface {
  name = 'PartnerDirectory1795843000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE app.users DROP CONSTRAINT IF EXISTS users_role_check');
    await queryRunner.query(`
      ALTER TABLE app.users ADD CONSTRAINT users_role_check CHECK (role IN
        ('producer', 'driver', 'hospital', 'dispatcher', 'analyst', 'admin', 'partner'))`);
    await queryRunner.query(`
      CREATE TABLE app.partner_organisations (
        id             text PRIMARY KEY,
        name           text NOT NULL,
        kind           text NOT NULL,
        governorates   text[] NOT NULL,
        services       text[] NOT NULL,
        surge_capacity text NOT NULL DEFAULT '',
        facility_ids   text[] NOT NULL,
        website        text,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        updated_by     text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE app.partner_people (
        id              text PRIMARY KEY,
        name            text NOT NULL,
        organisation_id text REFERENCES app.partner_organisations (id),
        job_title       text NOT NULL DEFAULT '',
        tags            text[] NOT NULL,
        governorates    text[] NOT NULL,
        languages       text[] NOT NULL,
        available       boolean NOT NULL DEFAULT true,
        user_id         uuid UNIQUE REFERENCES app.users (id),
        contacts        jsonb NOT NULL DEFAULT '[]',
        updated_at      timestamptz NOT NULL DEFAULT now(),
        updated_by      text NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX partner_people_tags_idx ON app.partner_people USING gin (tags)',
    );
    await queryRunner.query(
      'CREATE INDEX partner_people_governorates_idx ON app.partner_people USING gin (governorates)',
    );
    await queryRunner.query(
      'CREATE INDEX partner_people_organisation_idx ON app.partner_people (organisation_id)',
    );
    await queryRunner.query(`
      CREATE TABLE app.partner_directory_history (
        id          bigserial PRIMARY KEY,
        record_kind text NOT NULL CHECK (record_kind IN ('organisation', 'person')),
        record_id   text NOT NULL,
        action      text NOT NULL CHECK (action IN ('created', 'updated', 'imported')),
        changed_by  text NOT NULL,
        changed_at  timestamptz NOT NULL DEFAULT now(),
        before      jsonb,
        after       jsonb NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX partner_directory_history_record_idx ON app.partner_directory_history (record_kind, record_id, id)',
    );
    await queryRunner.query(`
      CREATE TABLE app.help_request_photos (
        sha256       text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL,
        bytes        bytea NOT NULL,
        uploaded_by  text NOT NULL,
        uploaded_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.help_request_photos');
    await queryRunner.query('DROP TABLE app.partner_directory_history');
    await queryRunner.query('DROP TABLE app.partner_people');
    await queryRunner.query('DROP TABLE app.partner_organisations');
    await queryRunner.query('ALTER TABLE app.users DROP CONSTRAINT users_role_check');
    await queryRunner.query(`
      ALTER TABLE app.users ADD CONSTRAINT users_role_check CHECK (role IN
        ('producer', 'driver', 'hospital', 'dispatcher', 'analyst', 'admin'))`);
  }
}
