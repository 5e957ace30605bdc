import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (libs/notifications): the inbox, the e-mail and webhook deliveries derived from
 * ledger events, what the rules remember between events, users' settings and the webhook
 * subscriptions. Uniqueness keys make each notification traceable to its event and sent once.
 */
export class Notifications1795844016160 implements MigrationInterface {
  name = 'Notifications1795844016160';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.notifications (
        id             uuid PRIMARY KEY,
        user_id        uuid NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
        kind           text NOT NULL,
        urgent         boolean NOT NULL,
        subject        text NOT NULL,
        title          text NOT NULL,
        body           text NOT NULL,
        params         jsonb NOT NULL,
        link           text NOT NULL,
        event_id       text NOT NULL,
        event_type     text NOT NULL,
        event_position text NOT NULL,
        stream_name    text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        read_at        timestamptz,
        CONSTRAINT notifications_once_per_event UNIQUE (event_id, user_id)
      )`);
    await queryRunner.query(
      'CREATE INDEX notifications_user_idx ON app.notifications (user_id, created_at DESC, id)',
    );
    await queryRunner.query(
      'CREATE INDEX notifications_subject_idx ON app.notifications (user_id, kind, subject)',
    );
    await queryRunner.query(`
      CREATE TABLE app.webhook_subscriptions (
        id          uuid PRIMARY KEY,
        url         text NOT NULL,
        secret      text NOT NULL,
        kinds       text[] NOT NULL DEFAULT '{}',
        description text NOT NULL DEFAULT '',
        active      boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE app.notification_deliveries (
        id              uuid PRIMARY KEY,
        channel         text NOT NULL CHECK (channel IN ('email', 'webhook')),
        recipient       text NOT NULL,
        notification_id uuid REFERENCES app.notifications (id) ON DELETE CASCADE,
        kind            text NOT NULL,
        urgent          boolean NOT NULL,
        payload         jsonb NOT NULL,
        event_id        text NOT NULL,
        status          text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'queued', 'sent', 'dead')),
        due_at          timestamptz NOT NULL DEFAULT now(),
        attempts        integer NOT NULL DEFAULT 0,
        retries         integer NOT NULL DEFAULT 0,
        last_error      text,
        last_attempt_at timestamptz,
        sent_at         timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_deliveries_once UNIQUE (event_id, recipient, channel)
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_deliveries_due_idx ON app.notification_deliveries (due_at)
       WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX notification_deliveries_dead_idx ON app.notification_deliveries (created_at)
       WHERE status = 'dead'`,
    );
    await queryRunner.query(`
      CREATE TABLE app.notification_settings (
        user_id                uuid PRIMARY KEY REFERENCES app.users (id) ON DELETE CASCADE,
        email                  text,
        channels               jsonb NOT NULL DEFAULT '{}',
        time_zone              text NOT NULL DEFAULT 'Asia/Baghdad',
        quiet_start            text,
        quiet_end              text,
        urgent_overrides_quiet boolean NOT NULL DEFAULT true,
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_settings_quiet_both CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
      )`);
    // Every event notifications were derived from, once: a replay derives nothing again, even
    // for users or settings that changed since.
    await queryRunner.query(`
      CREATE TABLE app.notification_sources (
        event_id       text PRIMARY KEY,
        event_type     text NOT NULL,
        event_position text NOT NULL,
        derived_at     timestamptz NOT NULL DEFAULT now()
      )`);
    // What the rules remember between events: a plan's drivers and origins, a help request's
    // opener and assignee. Written only by the notifications projection.
    await queryRunner.query(`
      CREATE TABLE app.notification_memory (
        stream_name text PRIMARY KEY,
        memory      jsonb NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app.notification_memory');
    await queryRunner.query('DROP TABLE app.notification_sources');
    await queryRunner.query('DROP TABLE app.notification_settings');
    await queryRunner.query('DROP TABLE app.notification_deliveries');
    await queryRunner.query('DROP TABLE app.webhook_subscriptions');
    await queryRunner.query('DROP TABLE app.notifications');
  }
}
