import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions: every refresh token issued is a row of its login's family. Using one marks it used
 * and issues the next; presenting a used one again (a stolen copy, or the thief racing the
 * owner) revokes the whole family, and logout revokes it too. Access tokens name their family
 * (`sid`), so a revoked session stops acting at once, not when its access token expires.
 */
export class RefreshTokenSessions1795847000018 implements MigrationInterface {
  name = 'RefreshTokenSessions1795847000018';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.refresh_tokens (
        token_id   uuid PRIMARY KEY,
        family_id  uuid NOT NULL,
        user_id    uuid NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
        issued_at  timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX refresh_tokens_family ON app.refresh_tokens (family_id)');
    await queryRunner.query(
      'CREATE INDEX refresh_tokens_expires ON app.refresh_tokens (expires_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.refresh_tokens');
  }
}
