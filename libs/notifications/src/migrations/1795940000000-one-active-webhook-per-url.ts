import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One active webhook subscription per URL: two would post every notification twice to the same
 * receiver, and a keyed registration retried after a failure between its insert and its stored
 * answer would add a second one. Older duplicates keep the first subscription made.
 */
export class OneActiveWebhookPerUrl1795940000000 implements MigrationInterface {
  name = 'OneActiveWebhookPerUrl1795940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE app.webhook_subscriptions s SET active = false
      WHERE s.active AND EXISTS (
        SELECT 1 FROM app.webhook_subscriptions first
        WHERE first.active AND first.url = s.url
          AND (first.created_at, first.id) < (s.created_at, s.id))`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX webhook_subscriptions_one_active_per_url
      ON app.webhook_subscriptions (url) WHERE active`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX app.webhook_subscriptions_one_active_per_url');
  }
}
