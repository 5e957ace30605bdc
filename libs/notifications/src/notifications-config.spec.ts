import { ConfigError } from '@oxyledger/config';
import { loadNotificationsConfig } from './notifications-config';

describe('notifications configuration', () => {
  it('has e-mail off without SMTP_HOST, and working defaults', () => {
    expect(loadNotificationsConfig({})).toEqual({
      smtp: null,
      attempts: 5,
      retryDelayMs: 10_000,
      pollMs: 2_000,
      maxAgeForDeliveryMs: 24 * 3_600_000,
      queuePrefix: 'oxyledger',
      publicUrl: null,
    });
  });

  it('reads the SMTP server and the sender', () => {
    const config = loadNotificationsConfig({
      SMTP_HOST: 'smtp.moh.gov.iq',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_FROM: 'Live Oxygen <alerts@moh.gov.iq>',
      SMTP_USER: 'alerts',
      SMTP_PASSWORD: 'pw',
      NOTIFICATIONS_PUBLIC_URL: 'https://oxygen.moh.gov.iq/',
    });
    expect(config.publicUrl).toBe('https://oxygen.moh.gov.iq');
    expect(config.smtp).toEqual({
      host: 'smtp.moh.gov.iq',
      port: 465,
      secure: true,
      from: 'Live Oxygen <alerts@moh.gov.iq>',
      user: 'alerts',
      password: 'pw',
    });
  });

  it('refuses bad values naming each variable and its rule', () => {
    expect(() =>
      loadNotificationsConfig({
        SMTP_PORT: '70000',
        SMTP_SECURE: 'yes',
        NOTIFICATION_ATTEMPTS: '0',
      }),
    ).toThrow(ConfigError);
    let problems: string[] = [];
    try {
      loadNotificationsConfig({ SMTP_PORT: 'x', NOTIFICATION_ATTEMPTS: '0' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'SMTP_PORT="x": must be a whole number, at least 1',
      'NOTIFICATION_ATTEMPTS="0": must be a whole number, at least 1',
    ]);
  });
});
