import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_CHANNELS } from '../notifications.projection';
import {
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '../rules/notification-kinds';

export interface InboxItem {
  id: string;
  kind: NotificationKind;
  urgent: boolean;
  title: string;
  body: string;
  params: Record<string, unknown>;
  link: string;
  createdAt: string;
  readAt: string | null;
  /** The ledger event it came from. */
  source: { eventId: string; eventType: string; streamName: string; position: string };
}

export interface NotificationSettings {
  email: string | null;
  channels: Record<NotificationKind, NotificationChannel[]>;
  timeZone: string;
  quietHours: { start: string; end: string } | null;
  urgentOverridesQuiet: boolean;
}

export interface WebhookSubscription {
  id: string;
  url: string;
  kinds: NotificationKind[];
  description: string;
  active: boolean;
  createdAt: string;
}

export interface DeadLetter {
  id: string;
  channel: 'email' | 'webhook';
  recipient: string;
  kind: string;
  eventId: string;
  attempts: number;
  retries: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  title: string;
}

/** Reads and writes of the notifications area for the api: always for one user, or an admin's. */
@Injectable()
export class NotificationsStore {
  constructor(private readonly dataSource: DataSource) {}

  async inbox(
    userId: string,
    page: { limit: number; offset: number; unreadOnly: boolean },
  ): Promise<{ items: InboxItem[]; total: number; unread: number }> {
    const rows = (await this.dataSource.query(
      `SELECT id, kind, urgent, title, body, params, link, created_at, read_at, event_id,
              event_type, stream_name, event_position
       FROM app.notifications
       WHERE user_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL)
       ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [userId, page.unreadOnly, page.limit, page.offset],
    )) as Record<string, unknown>[];
    const [counts] = (await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
       FROM app.notifications WHERE user_id = $1`,
      [userId],
    )) as { total: number; unread: number }[];
    return {
      items: rows.map((r) => ({
        id: r.id as string,
        kind: r.kind as NotificationKind,
        urgent: r.urgent as boolean,
        title: r.title as string,
        body: r.body as string,
        params: r.params as Record<string, unknown>,
        link: r.link as string,
        createdAt: (r.created_at as Date).toISOString(),
        readAt: r.read_at ? (r.read_at as Date).toISOString() : null,
        source: {
          eventId: r.event_id as string,
          eventType: r.event_type as string,
          streamName: r.stream_name as string,
          position: r.event_position as string,
        },
      })),
      total: page.unreadOnly ? counts.unread : counts.total,
      unread: counts.unread,
    };
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      'SELECT count(*)::int AS unread FROM app.notifications WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    )) as { unread: number }[];
    return row.unread;
  }

  /** False when the user has no such notification (someone else's is not theirs to mark). */
  async markRead(userId: string, id: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE app.notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2`,
      [id, userId],
    )) as [unknown, number];
    return count === 1;
  }

  async markAllRead(userId: string): Promise<number> {
    const [, count] = (await this.dataSource.query(
      'UPDATE app.notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    )) as [unknown, number];
    return count;
  }

  async settings(userId: string): Promise<NotificationSettings> {
    const [row] = (await this.dataSource.query(
      `SELECT email, channels, time_zone, quiet_start, quiet_end, urgent_overrides_quiet
       FROM app.notification_settings WHERE user_id = $1`,
      [userId],
    )) as {
      email: string | null;
      channels: Partial<Record<NotificationKind, NotificationChannel[]>>;
      time_zone: string;
      quiet_start: string | null;
      quiet_end: string | null;
      urgent_overrides_quiet: boolean;
    }[];
    const channels = Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, row?.channels?.[kind] ?? [...DEFAULT_CHANNELS]]),
    ) as Record<NotificationKind, NotificationChannel[]>;
    return {
      email: row?.email ?? null,
      channels,
      timeZone: row?.time_zone ?? 'Asia/Baghdad',
      quietHours:
        row?.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
      urgentOverridesQuiet: row?.urgent_overrides_quiet ?? true,
    };
  }

  async saveSettings(
    userId: string,
    settings: NotificationSettings,
  ): Promise<NotificationSettings> {
    await this.dataSource.query(
      `INSERT INTO app.notification_settings
         (user_id, email, channels, time_zone, quiet_start, quiet_end, urgent_overrides_quiet, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, channels = EXCLUDED.channels,
         time_zone = EXCLUDED.time_zone, quiet_start = EXCLUDED.quiet_start,
         quiet_end = EXCLUDED.quiet_end, urgent_overrides_quiet = EXCLUDED.urgent_overrides_quiet,
         updated_at = now()`,
      [
        userId,
        settings.email,
        JSON.stringify(settings.channels),
        settings.timeZone,
        settings.quietHours?.start ?? null,
        settings.quietHours?.end ?? null,
        settings.urgentOverridesQuiet,
      ],
    );
    return this.settings(userId);
  }

  async webhooks(): Promise<WebhookSubscription[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, url, kinds, description, active, created_at FROM app.webhook_subscriptions
       ORDER BY created_at, id`,
    )) as Record<string, unknown>[];
    return rows.map(toSubscription);
  }

  /**
   * The secret is chosen here and shown once, in this answer. Undefined when an active
   * subscription already posts to this URL (one per URL, so no receiver gets a notification twice).
   */
  async addWebhook(input: {
    url: string;
    kinds: NotificationKind[];
    description: string;
  }): Promise<(WebhookSubscription & { secret: string }) | undefined> {
    const secret = randomBytes(32).toString('base64url');
    const [row] = (await this.dataSource.query(
      `INSERT INTO app.webhook_subscriptions (id, url, secret, kinds, description)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (url) WHERE active DO NOTHING
       RETURNING id, url, kinds, description, active, created_at`,
      [randomUUID(), input.url, secret, input.kinds, input.description],
    )) as Record<string, unknown>[];
    return row ? { ...toSubscription(row), secret } : undefined;
  }

  async removeWebhook(id: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      'UPDATE app.webhook_subscriptions SET active = false WHERE id = $1 AND active',
      [id],
    )) as [unknown, number];
    return count === 1;
  }

  async deadLetters(page: { limit: number; offset: number }): Promise<{
    items: DeadLetter[];
    total: number;
  }> {
    const rows = (await this.dataSource.query(
      `SELECT id, channel, recipient, kind, event_id, attempts, retries, last_error,
              last_attempt_at, payload->>'title' AS title, payload->>'subject' AS subject
       FROM app.notification_deliveries WHERE status = 'dead'
       ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [page.limit, page.offset],
    )) as Record<string, unknown>[];
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM app.notification_deliveries WHERE status = 'dead'`,
    )) as { total: number }[];
    return {
      total,
      items: rows.map((r) => ({
        id: r.id as string,
        channel: r.channel as 'email' | 'webhook',
        recipient: r.recipient as string,
        kind: r.kind as string,
        eventId: r.event_id as string,
        attempts: r.attempts as number,
        retries: r.retries as number,
        lastError: (r.last_error as string | null) ?? null,
        lastAttemptAt: r.last_attempt_at ? (r.last_attempt_at as Date).toISOString() : null,
        title: ((r.title ?? r.subject) as string | null) ?? '',
      })),
    };
  }

  /** Puts a dead delivery back in line for a new round of attempts; false if it is not dead. */
  async retryDeadLetter(id: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE app.notification_deliveries
       SET status = 'pending', retries = retries + 1, attempts = 0, due_at = now()
       WHERE id = $1 AND status = 'dead'`,
      [id],
    )) as [unknown, number];
    return count === 1;
  }
}

function toSubscription(r: Record<string, unknown>): WebhookSubscription {
  return {
    id: r.id as string,
    url: r.url as string,
    kinds: r.kinds as NotificationKind[],
    description: r.description as string,
    active: r.active as boolean,
    createdAt: (r.created_at as Date).toISOString(),
  };
}
