/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, hence the DOM types.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { ProjectorService } from '@oxyledger/read-models';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DemoSeedService } from '../../apps/api/src/demo/demo-seed.service';
import { PlanningWorker } from '@oxyledger/planner';
import { SupplyLevelWatcher } from '@oxyledger/supply';
import { startTestApp, type TestApp } from '../../apps/api/test/support/test-app';
import {
  launchBrowser,
  SCREENS,
  seriousAccessibilityViolations,
  settled,
  WEB_ROOT,
  type AxeViolation,
} from './browser';

const PASSWORD = 'oxyledger-demo';

/**
 * The dashboard in Debian's Chromium against the real api, PostgreSQL and Redis, on the demo
 * network: one api and one browser for the whole suite (a fresh context per user).
 */
describe('web (browser): the Live Oxygen dashboard', () => {
  let database: ScratchDatabase;
  let api: TestApp;
  let browser: Browser;
  let base: string;
  const accessibility: { page: string; violations: AxeViolation[] }[] = [];

  const tokens = new Map<string, string>();
  async function token(username: string): Promise<string> {
    if (!tokens.has(username)) {
      const response = await api.http().post('/auth/login').send({ username, password: PASSWORD });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
      tokens.set(username, response.body.accessToken as string);
    }
    return tokens.get(username)!;
  }

  async function get<T>(username: string, path: string): Promise<T> {
    const response = await api
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await token(username)}`);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    return response.body as T;
  }

  /**
   * A page logged in as this user, in this language. The first time through the login form;
   * then with the saved session (the api throttles logins to 10 a minute per user).
   */
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
  async function loggedIn(username: string, language = 'en'): Promise<Page> {
    const saved = sessions.get(username);
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      storageState: saved,
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error (${username}): ${error.message}`));
    await page.goto(base);
    if (!saved) {
      await page.fill('input[name=username]', username);
      await page.fill('input[name=password]', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('nav[aria-label=main] a');
      sessions.set(username, await context.storageState());
    }
    await page.evaluate((chosen) => {
      const session = JSON.parse(localStorage.getItem('oxyledger.session') ?? '{}');
      localStorage.setItem('oxyledger.language', chosen);
      localStorage.setItem(`oxyledger.language.${session.user.id}`, chosen);
    }, language);
    await page.reload();
    await page.waitForSelector('nav[aria-label=main] a');
    await settled(page);
    return page;
  }

  async function open(page: Page, path: string): Promise<void> {
    await page.evaluate((to) => {
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await settled(page);
  }

  /** A screenshot for people to look at, and the accessibility check, of the page as shown. */
  async function record(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
    accessibility.push({ page: name, violations: await seriousAccessibilityViolations(page) });
  }

  const menuOf = (page: Page) =>
    page.$$eval('nav[aria-label=main] a', (links) =>
      links.map((link) => link.getAttribute('data-testid')?.replace('nav-', '')),
    );

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    database = await createScratchDatabase('webbrowser');
    process.env.QUEUE_PREFIX = `oxyledger-test-${randomUUID().slice(0, 8)}`;
    process.env.DEMO_SEED = 'true';
    api = await startTestApp({ databaseUrl: database.url, webRoot: WEB_ROOT });
    // as npm start runs them: the read models, the supply levels and the planner
    api.app.get(ProjectorService).start();
    await api.app.get(SupplyLevelWatcher).start();
    await api.app.get(PlanningWorker).start();
    await api.app.get(DemoSeedService).seedIfEmpty();
    await new Promise<void>((resolve) => api.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await database?.drop();
  });

  it.each([
    [
      'analyst',
      ['overview', 'governorates', 'plans', 'producer', 'cylinders', 'alerts'],
      '/admin',
      '/overview',
    ],
    [
      'dispatcher',
      ['overview', 'governorates', 'plans', 'producer', 'cylinders', 'alerts'],
      '/admin',
      '/overview',
    ],
    [
      'admin',
      ['overview', 'governorates', 'plans', 'producer', 'cylinders', 'alerts', 'admin'],
      '/trips',
      '/overview',
    ],
    [
      'hospital',
      ['hospital', 'cylinders', 'alerts'],
      '/overview',
      '/hospitals/baghdad-medical-city',
    ],
    ['producer', ['producer', 'cylinders', 'alerts'], '/plans', '/producers/baghdad-psa-1'],
    ['driver', ['trips', 'cylinders'], '/overview', '/trips'],
  ])(
    '%s logs in, sees their pages and is kept out of the others',
    async (username, menu, forbidden, home) => {
      const page = await loggedIn(username);
      expect(await menuOf(page)).toEqual(menu);
      expect(new URL(page.url()).pathname).toBe(home);
      await record(page, `home-${username}-en`);
      await open(page, forbidden);
      await page.waitForFunction((to) => window.location.pathname === to, home);
      await page.context().close();
    },
  );

  it('shows on the overview the same figures as the api', async () => {
    const page = await loggedIn('analyst');
    const rollup = await get<{
      national: { byLevel: Record<string, number>; onHandLitres: number; daysOfSupply: number };
    }>('analyst', '/supply/rollup');
    const stock = await get<{ cylinders: number; byStatus: Record<string, number> }>(
      'analyst',
      '/stock/national',
    );
    const today = new Date().toISOString().slice(0, 10);
    const fills = await get<{ totalCylinders: number }>(
      'analyst',
      `/fills/daily?from=${today}&to=${today}`,
    );
    const kpi = (id: string) => page.getAttribute(`[data-testid=kpi-${id}]`, 'data-value');
    for (const level of ['low', 'critical', 'out']) {
      expect(Number(await kpi(`hospitals-${level}`))).toBe(rollup.national.byLevel[level]);
    }
    expect(Number(await kpi('on-hand-litres'))).toBe(rollup.national.onHandLitres);
    expect(Number(await kpi('days-of-supply'))).toBe(rollup.national.daysOfSupply);
    expect(Number(await kpi('fills-today'))).toBe(fills.totalCylinders);
    expect(Number(await kpi('cylinders'))).toBe(stock.cylinders);
    for (const status of ['FULL', 'IN_USE', 'EMPTY', 'IN_TRANSIT', 'QUARANTINED', 'LOST']) {
      expect(Number(await kpi(`cylinders-${status}`))).toBe(stock.byStatus[status] ?? 0);
    }
    // 18 governorate polygons and a marker per facility, drawn as SVG
    expect(await page.locator('path.governorate').count()).toBe(18);
    expect(await page.locator('path.facility').count()).toBeGreaterThanOrEqual(15);
    // the risk table lists the hospitals, fewest days of supply first
    const days = await page.$$eval('[data-testid=risk-table] tbody tr', (rows) =>
      rows.map((row) => row.getAttribute('data-row')),
    );
    const hospitals = await get<{
      items: { facilityId: string; governorate: string; daysOfSupply: number | null }[];
    }>('analyst', '/supply/hospitals?pageSize=200');
    expect([...days].sort()).toEqual(hospitals.items.map((h) => h.facilityId).sort());
    // a KPI tile opens the filtered list behind it
    await page.click('button:has([data-testid=kpi-hospitals-critical])');
    await settled(page);
    const critical = await page.$$eval('[data-testid=risk-table] tbody tr', (rows) => rows.length);
    expect(critical).toBe(rollup.national.byLevel.critical);
    // a governorate's page draws a bar per hospital whose days of supply are known
    await open(page, '/governorates/Basra');
    await page.waitForSelector('[data-testid=gov-days-chart] .recharts-bar-rectangle');
    const basra = hospitals.items.filter(
      (h) => h.governorate === 'Basra' && h.daysOfSupply !== null,
    );
    expect(await page.locator('[data-testid=gov-days-chart] .recharts-bar-rectangle').count()).toBe(
      basra.length,
    );
    await page.context().close();
  });

  it('lets the admin deactivate a user, who can then no longer log in', async () => {
    const created = await api
      .http()
      .post('/admin/users')
      .set('Authorization', `Bearer ${await token('admin')}`)
      .send({ username: 'leaver', password: 'leaver-password-1', role: 'analyst', active: true });
    expect(created.status).toBe(201);
    const page = await loggedIn('admin');
    await open(page, '/admin');
    await page.click('button[aria-label="Deactivate leaver"]');
    await page.waitForSelector('button[aria-label="Reactivate leaver"]');
    const login = await api
      .http()
      .post('/auth/login')
      .send({ username: 'leaver', password: 'leaver-password-1' });
    expect(login.body.error).toBe('auth.account-disabled');
    await page.context().close();
  });

  it('lets a producer see QC per lot and report its plant degraded, then running', async () => {
    const page = await loggedIn('producer');
    const lots = await get<{ items: { lot: string; qcFailures: number }[] }>(
      'producer',
      `/fills/lots?plantId=baghdad-psa-1&pageSize=200&from=${new Date(Date.now() - 29 * 86_400_000)
        .toISOString()
        .slice(0, 10)}`,
    );
    await page.waitForSelector('[data-testid=lots-table]');
    expect(await page.locator('[data-testid=lots-table] tbody tr[data-row]').count()).toBe(
      lots.items.length,
    );
    const form = page.locator('[data-testid=plant-status-form]');
    await form.locator('select[name=status]').selectOption('degraded');
    await form.locator('input[name=capacityPercent]').fill('60');
    await form.locator('input[name=reason]').fill('Compressor 2 under repair');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector(
      '[data-testid=plants-table] tr[data-row=baghdad-psa-1] >> text=degraded',
    );
    const plant = await get<{ status: string; capacityPercent: number; reason: string }>(
      'producer',
      '/plants/baghdad-psa-1',
    );
    expect(plant).toMatchObject({
      status: 'degraded',
      capacityPercent: 60,
      reason: 'Compressor 2 under repair',
    });
    await record(page, 'producer-degraded-en');
    // a cylinder registered from the page carries the grade chosen there
    const register = page.locator('[data-testid=register-form]');
    await register.locator('textarea[name=serials]').fill('WEB-REG-00001');
    await register.locator('select[name=gasGrade]').selectOption('oxygen-99.5');
    await register.locator('button[type=submit]').click();
    const registered = async (): Promise<{ state: { gasGrade: string } }> => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const response = await api
          .http()
          .get('/cylinders/WEB-REG-00001')
          .set('Authorization', `Bearer ${await token('producer')}`);
        if (response.status === 200) return response.body;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('WEB-REG-00001 was not registered from the page');
    };
    expect((await registered()).state.gasGrade).toBe('oxygen-99.5');
    await form.locator('select[name=status]').selectOption('running');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector(
      '[data-testid=plants-table] tr[data-row=baghdad-psa-1] >> text=running',
    );
    await page.context().close();
  });

  it('looks a cylinder up by serial, typed as a scanner types it, with its history', async () => {
    const page = await loggedIn('analyst');
    await open(page, '/cylinders');
    const { items } = await get<{ items: { serial: string; status: string }[] }>(
      'analyst',
      '/cylinders?status=IN_USE&pageSize=1',
    );
    const { serial, status } = items[0];
    await page.fill('input[name=serial]', serial.toLowerCase());
    await page.press('input[name=serial]', 'Enter');
    await page.waitForSelector('[data-testid=cylinder-status]');
    expect(await page.textContent('[data-testid=cylinder-serial]')).toBe(serial);
    expect(await page.getAttribute('[data-testid=cylinder-status]', 'data-status')).toBe(status);
    const history = await get<{ history: unknown[] }>('analyst', `/cylinders/${serial}`);
    expect(
      await page.locator('[data-testid=cylinder-history] .mantine-Timeline-item').count(),
    ).toBe(history.history.length);
    await record(page, 'cylinder-en');
    await page.context().close();
  });

  it('lets the dispatcher approve a plan, and the driver then sees the trips', async () => {
    const page = await loggedIn('dispatcher');
    await open(page, '/plans');
    // the demo's low hospitals wake the planner at start; ask again in case it has not run yet
    if ((await page.locator('[data-testid=plan]').count()) === 0) {
      await page.click('text=Plan now');
      await page.waitForSelector('[data-testid=plan]', { timeout: 30_000 });
    }
    await settled(page);
    await record(page, 'plans-en');
    const planId = await page.getAttribute('[data-testid=plan] >> nth=0', 'data-plan');
    await page.click(`[data-plan="${planId}"] [data-testid=approve]`);
    await page.waitForSelector(`[data-plan="${planId}"]`, { state: 'detached' });
    const plan = await get<{
      status: string;
      trips: { tripId: string }[];
      routes: { driverId: string }[];
    }>('dispatcher', `/plans/${planId}`);
    expect(plan.status).toBe('approved');
    expect(plan.trips.length).toBe(plan.routes.length);
    await page.context().close();

    const users = await get<{ items: { id: string; username: string }[] }>(
      'admin',
      '/admin/users?pageSize=200',
    );
    const driverName = users.items.find((u) => u.id === plan.routes[0].driverId)!.username;
    const driver = await loggedIn(driverName);
    await driver.waitForSelector('[data-testid=trip]');
    const shown = await driver.$$eval('[data-testid=trip]', (cards) =>
      cards.map((c) => c.getAttribute('data-trip')),
    );
    expect(shown).toContain(plan.trips[0].tripId);
    await record(driver, 'trips-en');
    await driver.context().close();
  });

  it('shows a delivery posted through the api on an open page within 2 seconds', async () => {
    const admin = await token('admin');
    const driver = await token('driver');
    const as = (t: string) => ({ Authorization: `Bearer ${t}` });
    const me = (await api.http().get('/auth/me').set(as(driver))).body as { id: string };
    const busy = new Set(
      (
        (await api.http().get('/trips?pageSize=200').set(as(admin))).body.items as {
          vehicleId: string;
          status: string;
        }[]
      )
        .filter((trip) => trip.status !== 'COMPLETED')
        .map((trip) => trip.vehicleId),
    );
    const vehicle = ['mosul-psa-1-truck-2', 'mosul-psa-1-truck-1', 'erbil-psa-1-truck-2'].find(
      (v) => !busy.has(v),
    )!;
    const plant = vehicle.replace(/-truck-\d$/, '');
    const full = (
      await api.http().get(`/cylinders?facilityId=${plant}&status=FULL&pageSize=2`).set(as(admin))
    ).body.items as { serial: string }[];
    const serials = full.map((c) => c.serial);
    const hospital = plant === 'mosul-psa-1' ? 'mosul-al-jumhuri' : 'erbil-teaching';
    const trip = await api
      .http()
      .post('/trips')
      .set(as(admin))
      .send({
        originFacilityId: plant,
        vehicleId: vehicle,
        driverUserId: me.id,
        plannedAt: new Date().toISOString(),
        stops: [hospital],
      })
      .expect(201);
    const tripId = trip.body.tripId as string;
    await api.http().post(`/trips/${tripId}/load`).set(as(driver)).send({ serials }).expect(200);

    const page = await loggedIn('analyst');
    await page.waitForSelector('[data-testid=live-status][data-status=connected]');
    const inTransit = async () =>
      Number(await page.getAttribute('[data-testid=kpi-cylinders-IN_TRANSIT]', 'data-value'));
    const before = await inTransit();
    await api
      .http()
      .post(`/trips/${tripId}/deliveries`)
      .set(as(driver))
      .send({ facilityId: hospital, delivered: serials, collected: [], receivedBy: 'Ward store' })
      .expect(200);
    const posted = Date.now();
    await page.waitForFunction(
      (expected) =>
        Number(
          document
            .querySelector('[data-testid=kpi-cylinders-IN_TRANSIT]')
            ?.getAttribute('data-value'),
        ) === expected,
      before - serials.length,
      { timeout: 2_000 },
    );
    console.log(
      `delivery shown on the open overview ${Date.now() - posted} ms after the api answered`,
    );
    await page.context().close();
  });

  it('lays Arabic and Kurdish out right to left, with the menu on the right', async () => {
    for (const language of ['ar', 'ckb']) {
      const page = await loggedIn('analyst', language);
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      const menu = await page.locator('nav[aria-label=main]').boundingBox();
      expect(menu!.x).toBeGreaterThan(1366 / 2);
      await page.context().close();
    }
    const english = await loggedIn('analyst');
    expect(await english.getAttribute('html', 'dir')).toBe('ltr');
    expect((await english.locator('nav[aria-label=main]').boundingBox())!.x).toBeLessThan(100);
    await english.context().close();
  });

  const EVERY_PAGE: [string, string[]][] = [
    [
      'analyst',
      [
        '/overview',
        '/governorates',
        '/governorates/Basra',
        '/hospitals/basra-teaching',
        '/producers',
        '/alerts',
        '/cylinders?status=QUARANTINED',
      ],
    ],
    ['admin', ['/admin', '/plans']],
    ['hospital', ['/hospitals/baghdad-medical-city']],
    ['producer', ['/producers/baghdad-psa-1']],
  ];

  it.each(['en', 'ar'])(
    'records every page in %s, and none has a serious accessibility issue',
    async (language) => {
      const checked: typeof accessibility = [];
      for (const [username, paths] of EVERY_PAGE) {
        const page = await loggedIn(username, language);
        for (const path of paths) {
          await open(page, path);
          const name = `${username}${path.replace(/[/?=]+/g, '-')}-${language}`;
          await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
          checked.push({ page: name, violations: await seriousAccessibilityViolations(page) });
        }
        await page.context().close();
      }
      if (language === 'en') {
        const login = await (await browser.newContext()).newPage();
        await login.goto(base);
        await login.waitForSelector('input[name=username]');
        await record(login, 'login-en');
        await login.context().close();
      }
      const serious = [...checked, ...accessibility].filter((entry) => entry.violations.length > 0);
      expect(
        serious.map(({ page, violations }) => ({
          page,
          violations: violations.map(
            (v) =>
              `${v.impact} ${v.id}: ${v.help} (${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(', ')})`,
          ),
        })),
      ).toEqual([]);
    },
    150_000,
  );
});
