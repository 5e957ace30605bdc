import { ConfigError } from '@oxyledger/config';

/**
 * Notification delivery settings, read from the environment. E-mail is off unless SMTP_HOST is
 * set. Kept beside the notifications (not in @oxyledger/config) so that delivery can be
 * configured without touching the platform's core settings.
 */
export interface NotificationsConfig {
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    from: string;
    user?: string;
    password?: string;
  } | null;
  /** Attempts per delivery (e-mail or webhook) before it goes to the dead letters. */
  attempts: number;
  /** First retry delay; doubles with each attempt (BullMQ exponential back-off). */
  retryDelayMs: number;
  /** How often due deliveries (e.g. released at the end of quiet hours) are looked for. */
  pollMs: number;
  /** Events older than this when derived get an inbox entry but no e-mail or webhook. */
  maxAgeForDeliveryMs: number;
  queuePrefix: string;
  /** Where the web app is reached, e.g. `https://oxygen.moh.gov.iq`: links in e-mail are absolute. */
  publicUrl: string | null;
}

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be a whole number, at least ${min}`);
      return fallback;
    }
    return Number(raw);
  };
  const host = env.SMTP_HOST?.trim();
  const port = int('SMTP_PORT', 587, 1);
  if (port > 65535) problems.push(`SMTP_PORT="${port}": must be at most 65535`);
  if (env.SMTP_SECURE && !['true', 'false'].includes(env.SMTP_SECURE)) {
    problems.push(`SMTP_SECURE=${JSON.stringify(env.SMTP_SECURE)}: must be true or false`);
  }
  const config: NotificationsConfig = {
    smtp: host
      ? {
          host,
          port,
          secure: env.SMTP_SECURE === 'true',
          from: env.SMTP_FROM?.trim() || 'OxyLedger <notifications@oxyledger.invalid>',
          user: env.SMTP_USER || undefined,
          password: env.SMTP_PASSWORD || undefined,
        }
      : null,
    attempts: int('NOTIFICATION_ATTEMPTS', 5, 1),
    retryDelayMs: int('NOTIFICATION_RETRY_DELAY_MS', 10_000, 1),
    pollMs: int('NOTIFICATION_POLL_MS', 2_000, 10),
    maxAgeForDeliveryMs: int('NOTIFICATION_MAX_AGE_HOURS', 24, 0) * 3_600_000,
    queuePrefix: env.QUEUE_PREFIX ?? 'oxyledger',
    publicUrl: null,
  };
  const publicUrl = env.NOTIFICATIONS_PUBLIC_URL?.trim();
  if (publicUrl) {
    if (/^https?:\/\/[^\s/]+/.test(publicUrl)) config.publicUrl = publicUrl.replace(/\/+$/, '');
    else
      problems.push(
        `NOTIFICATIONS_PUBLIC_URL=${JSON.stringify(publicUrl)}: must be an http(s) URL`,
      );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
