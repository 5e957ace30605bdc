import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { ProjectionWorker } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { DeliveryQueue } from './delivery/delivery-queue';
import { SmtpEmailSender } from './delivery/email-sender';
import { loadNotificationsConfig, type NotificationsConfig } from './notifications-config';
import { NotificationsProjection } from './notifications.projection';

/**
 * Runs the notifications in this process: the projection that derives them from the ledger
 * (one owner across processes, like every read model) and the delivery worker (any number of
 * processes). Started explicitly — by the api on one machine, by apps/projector scaled out.
 */
@Injectable()
export class NotificationsRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private worker?: ProjectionWorker;
  private deliveries?: DeliveryQueue;
  private email?: SmtpEmailSender;
  readonly config: NotificationsConfig;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.config = loadNotificationsConfig();
  }

  start(options: { now?: () => Date } = {}): void {
    if (this.worker) return;
    this.email = this.config.smtp ? new SmtpEmailSender(this.config.smtp) : undefined;
    this.deliveries = new DeliveryQueue(
      this.dataSource,
      this.config,
      this.appConfig.redisUrl,
      this.email ?? null,
      (message) => this.logger.warn(message),
    );
    const projection = new NotificationsProjection({
      emailEnabled: this.config.smtp !== null,
      maxAgeForDeliveryMs: this.config.maxAgeForDeliveryMs,
      publicUrl: this.config.publicUrl,
      now: options.now,
    });
    this.worker = new ProjectionWorker(this.store, this.dataSource, projection, {
      databaseUrl: this.appConfig.databaseUrl,
      // the batch commits right after this: look for its deliveries then, not at the next poll
      beforeCommit: async () => void setTimeout(() => this.deliveries?.wake(), 20),
      log: (message) => this.logger.log(message),
    });
    this.worker.start();
    this.deliveries.start();
    if (!this.config.smtp) this.logger.log('E-mail notifications are off: SMTP_HOST is not set');
  }

  get projectionWorker(): ProjectionWorker | undefined {
    return this.worker;
  }

  get deliveryQueue(): DeliveryQueue | undefined {
    return this.deliveries;
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
    await this.deliveries?.stop();
    this.email?.close();
    this.worker = undefined;
    this.deliveries = undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
