import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `help_requests`: one row per help request, for the board and the time-to-assign figures. */
export class HelpRequests1795843000002 implements MigrationInterface {
  name = 'HelpRequests1795843000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.help_requests (
        request_id       text PRIMARY KEY,
        category         text NOT NULL,
        urgency          text NOT NULL,
        status           text NOT NULL,
        facility_id      text NOT NULL,
        title            text NOT NULL,
        opened_by        text NOT NULL,
        opened_at        timestamptz NOT NULL,
        assignee_kind    text,
        assignee_id      text,
        assignee_user_id text,
        first_assigned_at timestamptz,
        first_resolved_at timestamptz,
        comments         integer NOT NULL DEFAULT 0,
        updated_at       timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX help_requests_board_idx ON app.help_requests (status, urgency, opened_at)',
    );
    await queryRunner.query(
      'CREATE INDEX help_requests_facility_idx ON app.help_requests (facility_id, category, status)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.help_requests');
  }
}
