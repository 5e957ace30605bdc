/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, hence the DOM types.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { NotificationsRunner } from '@oxyledger/notifications';
import type { Browser, Page } from 'playwright-core';
import { NetworkService } from '@oxyledger/network';
import {
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
  uniqueName,
} from '../../apps/api/test/support/test-app';
import {
  type AxeViolation,
  launchBrowser,
  seriousAccessibilityViolations,
  settled,
  WEB_ROOT,
} from './browser';

const SCREENS = join(__dirname, '..', '..', 'test-output', 'notifications');

/** The inbox, the bell and the notification settings in Chromium against the real api. */
describe('web (browser): notifications', () => {
  let api: TestApp;
  let browser: Browser;
  let base: string;
  let hospitalId: string;
  let hospitalUser: { id: string; username: string; accessToken: string };
  let admin: { id: string; username: string; accessToken: string };
  const accessibility: { page: string; violations: AxeViolation[] }[] = [];

  async function loggedIn(username: string, language: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(base);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('nav[aria-label=main] a');
    await page.evaluate((chosen) => {
      const session = JSON.parse(localStorage.getItem('oxyledger.session') ?? '{}');
      localStorage.setItem(`oxyledger.language.${session.user.id}`, chosen);
      localStorage.setItem('oxyledger.language', chosen);
    }, language);
    return page;
  }

  async function open(page: Page, path: string): Promise<void> {
    await page.goto(`${base}${path}`);
    await page.waitForSelector('nav[aria-label=main] a');
    await settled(page);
  }

  async function record(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
    accessibility.push({ page: name, violations: await seriousAccessibilityViolations(page) });
  }

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    Object.assign(process.env, {
      QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? `oxyledger-test-${randomUUID().slice(0, 8)}`,
      NOTIFICATION_ATTEMPTS: '1',
      NOTIFICATION_POLL_MS: '100',
    });
    api = await startTestApp({ webRoot: WEB_ROOT });
    hospitalId = uniqueName('hospital');
    await api.app.get(NetworkService).ensureFacility({
      id: hospitalId,
      kind: 'hospital',
      name: 'Basra General',
      governorate: 'Basra',
      latitude: 30.5,
      longitude: 47.8,
    });
    hospitalUser = await api.login('hospital', { facilityId: hospitalId });
    admin = await api.login('admin');
    api.app.get(NotificationsRunner).start();
    await new Promise<void>((resolve) => api.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    // a hospital that runs critical, then out: two notifications in its user's inbox
    const store = api.app.get<EventStore>(EVENT_STORE);
    for (const [from, to] of [
      ['low', 'critical'],
      ['critical', 'out'],
    ]) {
      await store.appendToStream(
        `hospital-supply-${hospitalId}`,
        [
          {
            id: randomUUID(),
            type: 'SupplyLevelChanged',
            data: { facilityId: hospitalId, from, to, daysOfSupply: to === 'out' ? 0 : 0.5 },
            metadata: { schemaVersion: 1 },
          },
        ],
        'any',
      );
    }
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('shows the unread count on the bell, lists the notifications, and marking them read clears the badge', async () => {
    // (derived by the subscriber in the background: wait for it before the page asks)
    for (let i = 0; i < 200; i++) {
      const count = await api
        .http()
        .get('/notifications/unread-count')
        .set('Authorization', `Bearer ${hospitalUser.accessToken}`);
      if (count.body.unread === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const page = await loggedIn(hospitalUser.username, 'en');
    await open(page, '/notifications');
    await page.waitForSelector('[data-testid=notification-bell][data-unread="2"]');
    await page.waitForSelector('[data-testid=inbox-item]');
    const texts = await page.$$eval('[data-testid=inbox-item]', (rows) =>
      rows.map((row) => row.textContent ?? ''),
    );
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain(`${hospitalId}: oxygen supply Out`);
    expect(texts[1]).toContain(`${hospitalId}: oxygen supply Critical`);
    await record(page, 'inbox-en');
    // Marking one read lowers the badge; marking all clears it
    await page.click('[data-testid=inbox-item] >> nth=0 >> [data-testid=mark-read]');
    await page.waitForSelector('[data-testid=notification-bell][data-unread="1"]');
    await page.click('[data-testid=mark-all-read]');
    await page.waitForSelector('[data-testid=notification-badge]', { state: 'detached' });
    expect(await page.getAttribute('[data-testid=notification-bell]', 'data-unread')).toBe('0');
    const unread = await api
      .http()
      .get('/notifications/unread-count')
      .set('Authorization', `Bearer ${hospitalUser.accessToken}`);
    expect(unread.body).toEqual({ unread: 0 });
    await page.context().close();
  });

  it('shows the inbox in Arabic, right to left', async () => {
    const page = await loggedIn(hospitalUser.username, 'ar');
    await open(page, '/notifications');
    await page.waitForSelector('[data-testid=inbox-item]');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.textContent('h2')).toBe('الإشعارات');
    await record(page, 'inbox-ar');
    await page.context().close();
  });

  it('saves the channels per kind, the e-mail and the quiet hours', async () => {
    const page = await loggedIn(hospitalUser.username, 'en');
    await open(page, '/notifications/settings');
    await page.fill('input[name=email]', 'ward@basra-general.test');
    await page.click('[data-testid=channel-plan-approved-email]');
    await page.click('[data-testid=quiet-on]');
    await page.fill('input[name=quietStart]', '21:30');
    await page.fill('input[name=quietEnd]', '06:15');
    await page.selectOption('select[name=timeZone]', 'Asia/Baghdad');
    await page.click('[data-testid=save-settings]');
    await page.waitForSelector('[data-testid=settings-saved]');
    await record(page, 'settings-en');
    const saved = await api
      .http()
      .get('/notifications/settings')
      .set('Authorization', `Bearer ${hospitalUser.accessToken}`)
      .expect(200);
    expect(saved.body).toMatchObject({
      email: 'ward@basra-general.test',
      timeZone: 'Asia/Baghdad',
      quietHours: { start: '21:30', end: '06:15' },
      urgentOverridesQuiet: true,
      channels: { 'plan-approved': ['inbox'], 'supply-critical': ['inbox', 'email'] },
    });
    await page.context().close();
    const arabic = await loggedIn(hospitalUser.username, 'ar');
    await open(arabic, '/notifications/settings');
    expect(await arabic.inputValue('input[name=quietStart]')).toBe('21:30');
    await record(arabic, 'settings-ar');
    await arabic.context().close();
  });

  it('shows an admin the failed deliveries with retry now, and the webhooks', async () => {
    // a webhook to a port nobody listens on fails its only attempt
    const nowhere = await api
      .http()
      .post('/admin/notifications/webhooks')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({
        url: 'http://127.0.0.1:9/nowhere',
        kinds: ['scan-conflict'],
        description: 'Ops room',
      })
      .expect(201);
    const conflictId = randomUUID();
    await api.app.get<EventStore>(EVENT_STORE).appendToStream(
      `scan-conflict-${conflictId}`,
      [
        {
          id: randomUUID(),
          type: 'ScanConflictRecorded',
          // a whole event, as the ledger writes it: the read models project it too
          data: {
            conflictId,
            tripId: 'trip-1',
            facilityId: hospitalId,
            report: {},
            refusal: { code: 'cylinder.not-on-trip' },
            occurredAt: new Date().toISOString(),
            at: new Date().toISOString(),
          },
          metadata: { schemaVersion: 1 },
        },
      ],
      'any',
    );
    for (const language of ['en', 'ar']) {
      const page = await loggedIn(admin.username, language);
      await open(page, '/admin/notifications');
      for (let i = 0; i < 100 && (await page.$('[data-testid=dead-letter]')) === null; i++) {
        await page.waitForTimeout(200);
        await page.reload();
        await settled(page);
      }
      expect(await page.$$('[data-testid=dead-letter]')).not.toHaveLength(0);
      await record(page, `deliveries-${language}`);
      if (language === 'en') {
        // "retry now" puts it back in line: it is tried again (and, still unreachable, fails)
        await page.click('[data-testid=dead-letter] >> nth=0 >> button');
        for (let i = 0; i < 100; i++) {
          const dead = await api
            .http()
            .get('/admin/notifications/dead-letters')
            .set('Authorization', `Bearer ${admin.accessToken}`);
          if ((dead.body.items as { retries: number }[]).some((d) => d.retries === 1)) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const after = await api
          .http()
          .get('/admin/notifications/dead-letters')
          .set('Authorization', `Bearer ${admin.accessToken}`);
        expect(after.body.items[0]).toMatchObject({ retries: 1, attempts: 1 });
      }
      await page.context().close();
    }
    // removed, so that later tests' scan conflicts are not posted to it
    await api
      .http()
      .delete(`/admin/notifications/webhooks/${nowhere.body.id as string}`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .expect(204);
  });

  it('has no serious or critical accessibility violations on these pages', () => {
    expect(accessibility.filter((a) => a.violations.length > 0)).toEqual([]);
  });
});
