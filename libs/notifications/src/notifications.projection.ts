import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@oxyledger/event-store';
import type { Projection } from '@oxyledger/read-models';
import type { EntityManager } from 'typeorm';
import { HELP_REQUEST_EVENT_TYPES, HELP_REQUEST_STREAM_PREFIX } from '@oxyledger/domain';
import type { NotificationChannel } from './rules/notification-kinds';
import {
  type NotificationIntent,
  notificationsFor,
  rememberHelpRequest,
  rememberPlan,
  type RuleMemory,
  type SourceEvent,
} from './rules/notification-rules';
import { recipientsOf } from './rules/recipients';

export const NOTIFICATIONS_PROJECTION = 'notifications';

/** The events notifications come from. */
export const NOTIFICATIONS_FILTER = {
  eventTypes: [
    'SupplyLevelChanged',
    'RoutePlanProposed',
    'RoutePlanEdited',
    'RoutePlanApproved',
    'LotRecallChunkRecorded',
    'ScanConflictRecorded',
    ...HELP_REQUEST_EVENT_TYPES,
  ],
};

/** A user's channels for a kind when they chose none: everything. */
export const DEFAULT_CHANNELS: readonly NotificationChannel[] = ['inbox', 'email'];

export interface NotificationsProjectionOptions {
  /** E-mail deliveries are recorded only when SMTP is configured. */
  emailEnabled: boolean;
  /** Events older than this get an inbox entry only: no e-mail or webhook about old news. */
  maxAgeForDeliveryMs: number;
  /** Prefix of the web app's links in e-mail; relative links without it. */
  publicUrl?: string | null;
  now?: () => Date;
}

interface Settings {
  user_id: string;
  email: string | null;
  channels: Partial<Record<string, NotificationChannel[]>>;
}

/**
 * Derives notifications from committed ledger events, run like a read model (one owner at a
 * time, checkpoint and writes in one transaction). Every row it writes is keyed by the event:
 * an inbox entry by (event, user), a delivery by (event, recipient, channel), so a batch that is
 * applied again (a replay, a rebuild, a second runner) adds nothing and sends nothing twice; and
 * each event is derived once at all (`notification_sources`), so a replay does not tell users
 * created, or settings changed, since.
 * Sending happens afterwards, from the deliveries table, outside any transaction.
 */
export class NotificationsProjection implements Projection {
  readonly name = NOTIFICATIONS_PROJECTION;
  readonly filter = NOTIFICATIONS_FILTER;
  readonly tables = ['notification_memory'] as const;

  constructor(private readonly options: NotificationsProjectionOptions) {}

  async apply(events: RecordedEvent[], db: EntityManager): Promise<void> {
    for (const event of events) {
      const memory = await this.remember(event, db);
      const source: SourceEvent = {
        id: event.id,
        type: event.type,
        streamName: event.streamName,
        data: event.data,
        actorUserId: event.metadata.actor?.userId,
      };
      const intents = notificationsFor(source, memory);
      if (intents.length === 0 || !(await this.firstDerivation(event, db))) continue;
      for (const intent of intents) {
        await this.record(event, intent, db);
      }
    }
  }

  /** False when this event's notifications were derived before (a replay): nothing to do. */
  private async firstDerivation(event: RecordedEvent, db: EntityManager): Promise<boolean> {
    const inserted = (await db.query(
      `INSERT INTO app.notification_sources (event_id, event_type, event_position)
       VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, event.type, String(event.position)],
    )) as unknown[];
    return inserted.length === 1;
  }

  /** What the rules need of the event's stream, updated with this event. */
  private async remember(event: RecordedEvent, db: EntityManager): Promise<RuleMemory> {
    const isHelpRequest =
      event.streamName.startsWith(HELP_REQUEST_STREAM_PREFIX) &&
      (HELP_REQUEST_EVENT_TYPES as readonly string[]).includes(event.type);
    const isPlan = event.streamName.startsWith('route-plan-');
    if (!isHelpRequest && !isPlan) return {};
    const [row] = (await db.query(
      'SELECT memory FROM app.notification_memory WHERE stream_name = $1',
      [event.streamName],
    )) as { memory: RuleMemory }[];
    const known = row?.memory ?? {};
    const next: RuleMemory = isPlan
      ? { plan: rememberPlan(event) ?? known.plan }
      : { helpRequest: rememberHelpRequest(known.helpRequest, event) };
    if (JSON.stringify(next) !== JSON.stringify(known)) {
      await db.query(
        `INSERT INTO app.notification_memory (stream_name, memory) VALUES ($1, $2)
         ON CONFLICT (stream_name) DO UPDATE SET memory = EXCLUDED.memory`,
        [event.streamName, JSON.stringify(next)],
      );
    }
    // the rules for an event read what was known before it (plan) or with it (help request)
    return isPlan ? known : next;
  }

  private async record(
    event: RecordedEvent,
    intent: NotificationIntent,
    db: EntityManager,
  ): Promise<void> {
    const users = await recipientsOf(intent.audience, event.recordedAt, db);
    const now = this.options.now?.() ?? new Date();
    const deliver = now.getTime() - event.recordedAt.getTime() <= this.options.maxAgeForDeliveryMs;
    const settings = new Map(
      (
        (await db.query(
          `SELECT user_id::text, email, channels FROM app.notification_settings
           WHERE user_id::text = ANY($1)`,
          [users],
        )) as Settings[]
      ).map((s) => [s.user_id, s]),
    );
    const alreadyTold = new Set(
      (
        (await db.query(
          `SELECT user_id::text FROM app.notifications
           WHERE user_id::text = ANY($1) AND kind = $2 AND subject = $3 AND event_id <> $4`,
          [users, intent.kind, intent.subject, event.id],
        )) as { user_id: string }[]
      ).map((r) => r.user_id),
    );
    const position = String(event.position);
    for (const userId of users.filter((id) => !alreadyTold.has(id))) {
      const setting = settings.get(userId);
      const channels = setting?.channels?.[intent.kind] ?? DEFAULT_CHANNELS;
      let notificationId: string | null = null;
      if (channels.includes('inbox')) {
        const [inserted] = (await db.query(
          `INSERT INTO app.notifications (id, user_id, kind, urgent, subject, title, body, params,
             link, event_id, event_type, event_position, stream_name, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           ON CONFLICT (event_id, user_id) DO NOTHING RETURNING id`,
          [
            randomUUID(),
            userId,
            intent.kind,
            intent.urgent,
            intent.subject,
            intent.title,
            intent.body,
            JSON.stringify(intent.params),
            intent.link,
            event.id,
            event.type,
            position,
            event.streamName,
            event.recordedAt,
          ],
        )) as { id: string }[];
        notificationId = inserted?.id ?? null;
      }
      if (deliver && this.options.emailEnabled && channels.includes('email') && setting?.email) {
        await insertDelivery(db, {
          channel: 'email',
          recipient: userId,
          notificationId,
          intent,
          eventId: event.id,
          payload: {
            to: setting.email,
            subject: intent.title,
            text: emailText(intent, this.options.publicUrl ?? ''),
          },
        });
      }
    }
    if (!deliver) return;
    const subscriptions = (await db.query(
      `SELECT id::text FROM app.webhook_subscriptions
       WHERE active AND (cardinality(kinds) = 0 OR $1 = ANY(kinds))`,
      [intent.kind],
    )) as { id: string }[];
    for (const subscription of subscriptions) {
      await insertDelivery(db, {
        channel: 'webhook',
        recipient: subscription.id,
        notificationId: null,
        intent,
        eventId: event.id,
        payload: {
          kind: intent.kind,
          urgent: intent.urgent,
          title: intent.title,
          body: intent.body,
          params: intent.params,
          link: intent.link,
          event: {
            id: event.id,
            type: event.type,
            stream: event.streamName,
            position,
            recordedAt: event.recordedAt.toISOString(),
          },
        },
      });
    }
  }
}

async function insertDelivery(
  db: EntityManager,
  d: {
    channel: 'email' | 'webhook';
    recipient: string;
    notificationId: string | null;
    intent: NotificationIntent;
    eventId: string;
    payload: unknown;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO app.notification_deliveries
       (id, channel, recipient, notification_id, kind, urgent, payload, event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (event_id, recipient, channel) DO NOTHING`,
    [
      randomUUID(),
      d.channel,
      d.recipient,
      d.notificationId,
      d.intent.kind,
      d.intent.urgent,
      JSON.stringify(d.payload),
      d.eventId,
    ],
  );
}

function emailText(intent: NotificationIntent, publicUrl: string): string {
  return `${intent.body}\n\nOpen in OxyLedger: ${publicUrl}${intent.link}\n\n— OxyLedger notifications. Choose what you receive under Notification settings.`;
}
