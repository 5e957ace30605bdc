import { type Job, Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { NotificationsConfig } from '../notifications-config';
import { isHeld, releaseTime } from '../rules/quiet-hours';
import type { SmtpEmailSender } from './email-sender';
import { postWebhook } from './webhook-sender';

export const NOTIFICATION_DELIVERY_QUEUE = 'notification-deliveries';

interface DeliveryJob {
  deliveryId: string;
}

interface DeliveryRow {
  id: string;
  channel: 'email' | 'webhook';
  recipient: string;
  urgent: boolean;
  payload: Record<string, unknown>;
  status: string;
  time_zone: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
  urgent_overrides_quiet: boolean | null;
  retries: number;
}

/**
 * Sends what the notifications projection recorded. `dispatchDue` hands each due delivery to a
 * BullMQ queue (job id = delivery id and retry round, so handing it twice queues it once) or,
 * for e-mail in the user's quiet hours, moves it to the end of them. The worker sends it,
 * retried with exponential back-off; after the last attempt the delivery is `dead` — the dead
 * letters, which an admin may retry. A delivery already `sent` is never sent again.
 */
export class DeliveryQueue {
  readonly queue: Queue<DeliveryJob>;
  private worker?: Worker<DeliveryJob>;
  private timer?: NodeJS.Timeout;
  private dispatching?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NotificationsConfig,
    private readonly redisUrl: string,
    private readonly email: SmtpEmailSender | null,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.queue = new Queue<DeliveryJob>(NOTIFICATION_DELIVERY_QUEUE, {
      connection: { url: redisUrl, maxRetriesPerRequest: null },
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: config.attempts,
        backoff: { type: 'exponential', delay: config.retryDelayMs },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { count: 1000 },
      },
    });
  }

  /** Starts the worker and the poll for due deliveries. */
  start(): void {
    this.worker = new Worker<DeliveryJob>(NOTIFICATION_DELIVERY_QUEUE, (job) => this.deliver(job), {
      connection: { url: this.redisUrl, maxRetriesPerRequest: null },
      prefix: this.config.queuePrefix,
      concurrency: 4,
    });
    this.worker.on('error', (error) => this.log(`notification worker: ${String(error)}`));
    const tick = () => {
      if (this.stopped) return;
      this.wake();
      this.timer = setTimeout(tick, this.config.pollMs);
    };
    tick();
  }

  /** Looks for due deliveries now (e.g. right after the projection recorded some). */
  wake(): void {
    this.dispatching ??= this.dispatchDue()
      .then(() => undefined)
      .catch((error) => this.log(`notification dispatch: ${String(error)}`))
      .finally(() => (this.dispatching = undefined));
  }

  async dispatchDue(now: Date = new Date()): Promise<number> {
    const due = (await this.dataSource.query(
      `SELECT d.id, d.channel, d.recipient, d.urgent, d.retries, s.time_zone, s.quiet_start,
              s.quiet_end, s.urgent_overrides_quiet
       FROM app.notification_deliveries d
       LEFT JOIN app.notification_settings s ON d.channel = 'email' AND s.user_id::text = d.recipient
       WHERE d.status = 'pending' AND d.due_at <= $1
       ORDER BY d.due_at LIMIT 200`,
      [now],
    )) as DeliveryRow[];
    let queued = 0;
    for (const delivery of due) {
      const quiet =
        delivery.quiet_start && delivery.quiet_end && delivery.time_zone
          ? { start: delivery.quiet_start, end: delivery.quiet_end, timeZone: delivery.time_zone }
          : null;
      const passes = delivery.urgent && delivery.urgent_overrides_quiet !== false;
      if (delivery.channel === 'email' && !passes && isHeld(now, quiet)) {
        await this.dataSource.query(
          `UPDATE app.notification_deliveries SET due_at = $2 WHERE id = $1 AND status = 'pending'`,
          [delivery.id, releaseTime(now, quiet)],
        );
        continue;
      }
      await this.queue.add(
        delivery.channel,
        { deliveryId: delivery.id },
        { jobId: `${delivery.id}.${delivery.retries}` },
      );
      await this.dataSource.query(
        `UPDATE app.notification_deliveries SET status = 'queued' WHERE id = $1 AND status = 'pending'`,
        [delivery.id],
      );
      queued++;
    }
    return queued;
  }

  private async deliver(job: Job<DeliveryJob>): Promise<void> {
    const [updated] = (await this.dataSource.query(
      `UPDATE app.notification_deliveries SET attempts = attempts + 1, last_attempt_at = now()
       WHERE id = $1 AND status IN ('pending', 'queued')
       RETURNING id, channel, recipient, payload, status`,
      [job.data.deliveryId],
    )) as [DeliveryRow[], number];
    const row = updated[0];
    if (!row) return; // sent already, or dead and not retried
    try {
      await this.send(row);
    } catch (error) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.dataSource.query(
        `UPDATE app.notification_deliveries SET last_error = $2, status = $3 WHERE id = $1`,
        [row.id, String(error).slice(0, 1000), last ? 'dead' : 'queued'],
      );
      throw error;
    }
    await this.dataSource.query(
      `UPDATE app.notification_deliveries SET status = 'sent', sent_at = now(), last_error = NULL
       WHERE id = $1`,
      [row.id],
    );
  }

  private async send(delivery: DeliveryRow): Promise<void> {
    if (delivery.channel === 'email') {
      if (!this.email) throw new Error('SMTP is not configured (SMTP_HOST)');
      const { to, subject, text } = delivery.payload as {
        to: string;
        subject: string;
        text: string;
      };
      await this.email.send({ to, subject, text }, { 'X-OxyLedger-Delivery': delivery.id });
      return;
    }
    const [subscription] = (await this.dataSource.query(
      'SELECT url, secret, active FROM app.webhook_subscriptions WHERE id::text = $1',
      [delivery.recipient],
    )) as { url: string; secret: string; active: boolean }[];
    if (!subscription?.active) throw new Error('the webhook subscription was removed or disabled');
    const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
    await postWebhook(subscription, delivery.id, body);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.dispatching;
    await this.worker?.close();
    await this.queue.close();
  }
}
