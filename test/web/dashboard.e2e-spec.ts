/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, hence the DOM types.
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { PlanningWorker } from '@oxyledger/planner';
import { SupplyLevelWatcher } from '@oxyledger/supply';
import type { TestApp } from '../../apps/api/test/support/test-app';
import {
  contentSecurityPolicyViolations,
  DEMO_PASSWORD as PASSWORD,
  type DemoInBrowser,
  openInApp,
  pageRecorder,
  SCREENS,
  seriousAccessibilityViolations,
  settled,
  startDemoInBrowser,
} from './browser';

/** The partner network's pages, at the end of every menu but the driver's (partners.e2e-spec.ts). */
const PARTNER_PAGES = ['help-requests', 'directory'];

/**
 * The dashboard in Debian's Chromium against the real api, PostgreSQL and Redis, on the demo
 * network: one api and one browser for the whole suite (a fresh context per user).
 */
describe('web (browser): the Live Oxygen dashboard', () => {
  let world: DemoInBrowser;
  let api: TestApp;
  let browser: Browser;
  let base: string;
  const { accessibility, record } = pageRecorder(SCREENS);
  const token = (username: string) => world.token(username);
  const loggedIn = (username: string, language?: string) => world.loggedIn(username, language);
  const open = openInApp;

  async function get<T>(username: string, path: string): Promise<T> {
    const response = await api
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await token(username)}`);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    return response.body as T;
  }

  /**
   * A truck of the plant's supplier for a test's own trip: after the approved plan every seeded
   * truck is on the road (one with this morning's trip, the other with the plan's).
   */
  async function ownTruck(plant: string, supplierId: string): Promise<string> {
    const id = `${plant}-web-${randomUUID().slice(0, 8)}`;
    await api
      .http()
      .post('/admin/vehicles')
      .set('Authorization', `Bearer ${await token('admin')}`)
      .send({
        id,
        registrationPlate: `WEB ${id.slice(-4)}`,
        depotFacilityId: plant,
        capacity: { J: 60, E: 120, D: 200 },
        supplierId,
      })
      .expect(201);
    return id;
  }

  const menuOf = (page: Page) =>
    page.$$eval('nav[aria-label=main] a', (links) =>
      links.map((link) => link.getAttribute('data-testid')?.replace('nav-', '')),
    );

  beforeAll(async () => {
    // as npm start runs them: the read models, the supply levels and the planner
    world = await startDemoInBrowser('webbrowser', async (started) => {
      await started.app.get(SupplyLevelWatcher).start();
      await started.app.get(PlanningWorker).start();
    });
    ({ api, browser, base } = world);
  }, 180_000); // seeding the demo and starting Chromium on a shared, busy machine

  afterAll(() => world?.close());

  it.each([
    [
      'analyst',
      ['overview', 'governorates', 'plans', 'producer', 'cylinders', 'alerts', ...PARTNER_PAGES],
      '/admin',
      '/overview',
    ],
    [
      'dispatcher',
      ['overview', 'governorates', 'plans', 'producer', 'cylinders', 'alerts', ...PARTNER_PAGES],
      '/admin',
      '/overview',
    ],
    [
      'admin',
      [
        'overview',
        'governorates',
        'plans',
        'producer',
        'cylinders',
        'alerts',
        'admin',
        ...PARTNER_PAGES,
      ],
      '/trips',
      '/overview',
    ],
    [
      'hospital',
      ['hospital', 'cylinders', 'alerts', ...PARTNER_PAGES],
      '/overview',
      '/hospitals/baghdad-medical-city',
    ],
    [
      'producer',
      ['producer', 'cylinders', 'alerts', ...PARTNER_PAGES],
      '/plans',
      '/producers/baghdad-psa-1',
    ],
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
    const plant = 'mosul-psa-1';
    const vehicle = await ownTruck(plant, 'rafidain-oxygen');
    const full = (
      await api.http().get(`/cylinders?facilityId=${plant}&status=FULL&pageSize=2`).set(as(admin))
    ).body.items as { serial: string }[];
    const serials = full.map((c) => c.serial);
    const hospital = 'mosul-al-jumhuri';
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

  it('lets the admin create a facility and a vehicle and edit a user', async () => {
    const as = { Authorization: `Bearer ${await token('admin')}` };
    const user = await api
      .http()
      .post('/admin/users')
      .set(as)
      .send({
        username: 'web.mover',
        password: 'web-mover-password-1',
        role: 'hospital',
        facilityId: 'baghdad-medical-city',
      })
      .expect(201);
    const page = await loggedIn('admin');
    await open(page, '/admin');
    // a hospital with its beds
    await page.getByRole('tab', { name: 'Facilities' }).click();
    const facility = page.locator('[data-testid=new-facility-form]');
    await facility.locator('input[name=id]').fill('web-new-hospital');
    await facility.locator('input[name=name]').fill('Web New Hospital');
    await facility.locator('select[name=governorate]').selectOption('Najaf');
    await facility.locator('input[name=latitude]').fill('32.0281');
    await facility.locator('input[name=longitude]').fill('44.3419');
    await facility.locator('input[name=opens]').fill('08:00');
    await facility.locator('input[name=closes]').fill('20:00');
    await facility.locator('input[name="beds.general"]').fill('150');
    await facility.locator('input[name="beds.icu"]').fill('12');
    await record(page, 'admin-new-facility-en');
    await facility.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=facilities-table] tr[data-row=web-new-hospital]');
    const created = await api.http().get('/facilities/web-new-hospital').set(as).expect(200);
    expect(created.body).toMatchObject({
      kind: 'hospital',
      name: 'Web New Hospital',
      governorate: 'Najaf',
      latitude: 32.0281,
      receivingHours: { opens: '08:00', closes: '20:00' },
      supplierId: null,
    });
    const demand = await api.http().get('/hospitals/web-new-hospital/demand').set(as).expect(200);
    expect(demand.body.beds).toEqual({ general: 150, icu: 12, neonatal: 0 });
    // and edited: the name, from its row
    await page.click('button[aria-label="Edit Web New Hospital"]');
    const edit = page.locator('[data-testid=edit-facility-form]');
    await edit.locator('input[name=name]').fill('Web New Teaching Hospital');
    await edit.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=facilities-table] >> text=Web New Teaching Hospital');

    // a truck based at a plant, with its capacity per size
    await page.getByRole('tab', { name: 'Vehicles' }).click();
    const vehicle = page.locator('[data-testid=new-vehicle-form]');
    await vehicle.locator('input[name=id]').fill('web-truck-1');
    await vehicle.locator('input[name=registrationPlate]').fill('BGD 777');
    await vehicle.locator('select[name=depotFacilityId]').selectOption('baghdad-psa-1');
    await vehicle.locator('input[name="capacity.J"]').fill('48');
    await vehicle.locator('input[name="capacity.E"]').fill('20');
    await record(page, 'admin-new-vehicle-en');
    await vehicle.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=vehicles-table] tr[data-row=web-truck-1]');
    const truck = await api.http().get('/vehicles/web-truck-1').set(as).expect(200);
    expect(truck.body).toMatchObject({
      registrationPlate: 'BGD 777',
      depotFacilityId: 'baghdad-psa-1',
      supplierId: 'rafidain-oxygen',
      capacity: { J: 48, E: 20 },
    });

    // a storekeeper moved to driving for a supplier, and let go
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.click('button[aria-label="Edit web.mover"]');
    const form = page.locator('[data-testid=edit-user-form]');
    await form.locator('input[name=displayName]').fill('Web Mover');
    await form.locator('select[name=role]').selectOption('driver');
    await form.locator('select[name=scope]').selectOption('rafidain-oxygen');
    await form.locator('input[name=active]').uncheck();
    await record(page, 'admin-edit-user-en');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=edit-user-form]', { state: 'detached' });
    const edited = await api.http().get(`/admin/users/${user.body.id}`).set(as).expect(200);
    expect(edited.body).toMatchObject({
      displayName: 'Web Mover',
      role: 'driver',
      facilityId: null,
      supplierId: 'rafidain-oxygen',
      active: false,
    });
    await page.context().close();

    // the same forms in Arabic, for people to look at
    const arabic = await loggedIn('admin', 'ar');
    await open(arabic, '/admin');
    await arabic.click(`[data-testid=users-table] tr[data-row="${user.body.id}"] button >> nth=0`);
    await record(arabic, 'admin-edit-user-ar');
    await arabic.getByRole('tab').nth(1).click();
    await record(arabic, 'admin-new-facility-ar');
    await arabic.getByRole('tab').nth(2).click();
    await record(arabic, 'admin-new-vehicle-ar');
    await arabic.context().close();
  }, 150_000);

  it('lets the dispatcher resolve a scan conflict with a note, and the list updates', async () => {
    const admin = { Authorization: `Bearer ${await token('admin')}` };
    // a driver of Basra's supplier, which the other tests leave alone, and a truck of its own
    await api
      .http()
      .post('/admin/users')
      .set(admin)
      .send({
        username: 'web.basra.driver',
        password: PASSWORD,
        role: 'driver',
        supplierId: 'gulf-medical-gases',
      })
      .expect(201);
    const driver = { Authorization: `Bearer ${await token('web.basra.driver')}` };
    const me = (await api.http().get('/auth/me').set(driver)).body as { id: string };
    const plant = 'basra-asu-1';
    const truck = { id: await ownTruck(plant, 'gulf-medical-gases') };
    const [{ serial }] = (
      await api.http().get(`/cylinders?facilityId=${plant}&status=FULL&pageSize=1`).set(admin)
    ).body.items as { serial: string }[];
    const hospital = 'basra-teaching';
    const trip = await api
      .http()
      .post('/trips')
      .set(admin)
      .send({
        originFacilityId: plant,
        vehicleId: truck.id,
        driverUserId: me.id,
        plannedAt: new Date().toISOString(),
        stops: [hospital],
      })
      .expect(201);
    const tripId = trip.body.tripId as string;
    await api
      .http()
      .post(`/trips/${tripId}/load`)
      .set(driver)
      .send({ serials: [serial] })
      .expect(200);
    // the office records the cylinder elsewhere while the phone is offline
    await api
      .http()
      .post(`/cylinders/${serial}/lost`)
      .set(admin)
      .send({ reason: 'Not on the truck' })
      .expect(200);
    await api
      .http()
      .post(`/cylinders/${serial}/found`)
      .set(admin)
      .send({ facilityId: plant })
      .expect(200);
    const refused = await api
      .http()
      .post(`/trips/${tripId}/deliveries`)
      .set(driver)
      .send({
        facilityId: hospital,
        delivered: [serial],
        collected: [],
        receivedBy: 'Ward store',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      })
      .expect(202);
    const conflictId = refused.body.scanConflict.conflictId as string;

    const page = await loggedIn('dispatcher');
    await open(page, '/plans');
    const row = page.locator(`[data-testid=scan-conflicts] tr[data-row="${conflictId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(serial);
    await record(page, 'plans-scan-conflict-en');
    const form = page.locator(`[data-testid=resolve-conflict][data-conflict="${conflictId}"]`);
    await form.locator('select[name=resolution]').selectOption('dismissed');
    await form.locator('input[name=note]').fill('Driver scanned the wrong cylinder');
    await form.locator('button[type=submit]').click();
    await row.waitFor({ state: 'detached' });
    const resolved = await api
      .http()
      .get('/scan-conflicts?status=resolved')
      .set({ Authorization: `Bearer ${await token('dispatcher')}` })
      .expect(200);
    expect(
      (resolved.body.items as { conflictId: string; resolution: unknown }[]).find(
        (c) => c.conflictId === conflictId,
      )?.resolution,
    ).toMatchObject({ resolution: 'dismissed', note: 'Driver scanned the wrong cylinder' });
    await page.context().close();
  });

  it('lets a producer recall a lot after confirming it, and shows the recall report', async () => {
    const producer = { Authorization: `Bearer ${await token('producer')}` };
    const me = (await api.http().get('/auth/me').set(producer)).body as { id: string };
    const today = new Date().toISOString().slice(0, 10);
    const serials = ['WEB-RCL-00001', 'WEB-RCL-00002', 'WEB-RCL-00003'];
    await api
      .http()
      .post('/cylinders')
      .set(producer)
      .send({
        facilityId: 'baghdad-psa-1',
        cylinders: serials.map((serial) => ({
          serial,
          sizeCode: 'J',
          ownerId: 'rafidain-oxygen',
          gasGrade: 'oxygen-93',
          manufactureDate: today,
          lastTestDate: today,
        })),
      })
      .expect(201);
    const lot = 'LOT-WEB-RECALL';
    await api
      .http()
      .post('/cylinders/fills')
      .set(producer)
      .send({
        plantId: 'baghdad-psa-1',
        operatorId: me.id,
        lot,
        purityPercent: 93.5,
        pressureBar: 137,
        serials,
      })
      .expect((response) => expect(response.status).toBeLessThan(300));

    const page = await loggedIn('producer');
    const row = page.locator(`[data-testid=lots-table] tr[data-row="baghdad-psa-1/${lot}"]`);
    for (let attempt = 0; (await row.count()) === 0 && attempt < 20; attempt++) {
      await page.reload(); // the lot read model catches up with the fills
      await settled(page);
    }
    await row.locator(`button[aria-label="Recall lot ${lot}"]`).click();
    const dialog = page.locator('[data-testid=recall-dialog]');
    expect(await dialog.locator('[data-testid=recall-warning]').textContent()).toContain(
      `3 cylinders filled with lot ${lot}`,
    );
    await dialog.locator('textarea[name=reason]').fill('Retained sample failed moisture test');
    await record(page, 'producer-recall-dialog-en');
    await dialog.locator('button[type=submit]').click();
    const report = page.locator(`[data-testid=recall-report][data-lot="${lot}"]`);
    await report.locator('[data-testid=recall-cylinders]').waitFor();
    expect(
      await report.locator('[data-testid=kpi-recall-cylinders]').getAttribute('data-value'),
    ).toBe('3');
    expect(
      await report.locator('[data-testid=kpi-recall-quarantined]').getAttribute('data-value'),
    ).toBe('3');
    await record(page, 'producer-recall-report-en');
    for (const serial of serials) {
      const cylinder = await api.http().get(`/cylinders/${serial}`).set(producer).expect(200);
      expect(cylinder.body.state.status).toBe('QUARANTINED');
    }
    // the plant's capacity, from the form beside the status
    const capacity = page.locator('[data-testid=plant-capacity-form]');
    await capacity.locator('input[name=hoursPerDay]').fill('18');
    await capacity.locator('input[name="fillLimitsPerDay.J"]').fill('90');
    await capacity.locator('button[type=submit]').click();
    await capacity.locator('[role=status]').waitFor();
    const plant = await api.http().get('/plants/baghdad-psa-1').set(producer).expect(200);
    expect(plant.body.capacity).toMatchObject({ hoursPerDay: 18, fillLimitsPerDay: { J: 90 } });
    await page.context().close();
  });

  it('shows the producer its capacity form and the recall dialog in Arabic', async () => {
    const page = await loggedIn('producer', 'ar');
    await page.waitForSelector('[data-testid=plant-capacity-form]');
    await record(page, 'producer-forms-ar');
    const row = page.locator(
      '[data-testid=lots-table] tr[data-row="baghdad-psa-1/LOT-WEB-RECALL"]',
    );
    await row.locator('button').click();
    await page.waitForSelector('[data-testid=recall-dialog]');
    await record(page, 'producer-recall-dialog-ar');
    await page.context().close();
  });

  /**
   * A governorate's days-of-supply chart as the reader reads it: the axis and a bar's tooltip in
   * the language's digits, the hospitals' names at the reader's start (the right in Arabic and
   * Kurdish) and the bars growing away from them. Leaves the first bar's tooltip open.
   */
  async function checkDaysChart(page: Page, rtl: boolean) {
    const chart = page.locator('[data-testid=gov-days-chart]');
    const digits = rtl ? /[٠-٩]/ : /[0-9]/;
    const otherDigits = rtl ? /[0-9]/ : /[٠-٩]/;
    // drawn once its container has been measured
    await chart
      .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .first()
      .waitFor();
    const ticks = (
      await chart
        .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')
        .allTextContents()
    ).join(' ');
    expect(ticks).toMatch(digits);
    expect(ticks).not.toMatch(otherDigits);
    const name = (await chart
      .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .first()
      .boundingBox())!;
    const bar = chart.locator('.recharts-bar-rectangle path').first();
    const box = (await bar.boundingBox())!;
    // the bar starts at the names: its end by them is the value axis's zero
    const gap = rtl ? name.x - (box.x + box.width) : box.x - (name.x + name.width);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(30);
    await bar.hover();
    const tooltip = await chart.locator('.recharts-tooltip-wrapper').textContent();
    expect(tooltip).toMatch(digits);
    expect(tooltip).not.toMatch(otherDigits);
  }

  /**
   * A chart over days (or lots, oldest first) in the reader's digits and direction: its value
   * axis's ticks and its tooltip's values in the reader's digits; in Arabic and Kurdish the
   * value axis on the right and the oldest day on the right, the newest at the reader's end.
   */
  async function checkTimeChart(page: Page, testId: string, rtl: boolean) {
    const chart = page.locator(`[data-testid=${testId}]`);
    const digits = rtl ? /[٠-٩]/ : /[0-9]/;
    const otherDigits = rtl ? /[0-9]/ : /[٠-٩]/;
    const valueTicks = chart.locator(
      '.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value',
    );
    await valueTicks.first().waitFor(); // drawn once its container has been measured
    const ticks = (await valueTicks.allTextContents()).join(' ');
    expect(ticks).toMatch(digits);
    expect(ticks).not.toMatch(otherDigits);
    const axis = (await chart.locator('.recharts-yAxis-tick-labels').boundingBox())!;
    const plot = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
    if (rtl) expect(axis.x).toBeGreaterThanOrEqual(plot.x + plot.width - 1);
    else expect(axis.x + axis.width).toBeLessThanOrEqual(plot.x + 1);
    // the days (lots) in the data's order, oldest first: from the reader's start onwards
    const days = await chart
      .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .evaluateAll((texts) => texts.map((text) => text.getBoundingClientRect().x));
    expect(days.length).toBeGreaterThan(1);
    const xs = [...days];
    expect(xs).toEqual([...xs].sort((a, b) => (rtl ? b - a : a - b)));
    await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
    const values = chart.locator('.recharts-tooltip-wrapper [class*=tooltipItemData]');
    await values.first().waitFor();
    const shown = (await values.allTextContents()).join(' ');
    expect(shown).toMatch(digits);
    expect(shown).not.toMatch(otherDigits);
  }

  it.each(['ar', 'ckb', 'en'])(
    "draws the plant's fills and QC charts and the hospital's days chart in %s's digits and direction",
    async (language) => {
      const rtl = language !== 'en';
      const producer = await loggedIn('producer', language);
      await open(producer, '/producers/baghdad-psa-1');
      await checkTimeChart(producer, 'fills-chart', rtl);
      await checkTimeChart(producer, 'lots-chart', rtl);
      await producer.locator('[data-testid=fills-chart]').scrollIntoViewIfNeeded();
      await record(producer, `charts-producer-${language}`);
      await producer.context().close();
      const hospital = await loggedIn('hospital', language);
      await open(hospital, '/hospitals/baghdad-medical-city');
      await checkTimeChart(hospital, 'days-chart', rtl);
      await record(hospital, `charts-hospital-${language}`);
      await hospital.context().close();
    },
    120_000,
  );

  it('lays Arabic and Kurdish out right to left, menu on the right, governorates by name', async () => {
    for (const language of ['ar', 'ckb']) {
      const page = await loggedIn('analyst', language);
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      const menu = await page.locator('nav[aria-label=main]').boundingBox();
      expect(menu!.x).toBeGreaterThan(1366 / 2);
      // a translated badge shows its whole word, however narrow its table column
      for (const path of ['/overview', '/alerts']) {
        await open(page, path);
        const badges = await page.$$eval('.mantine-Badge-label', (labels) =>
          labels.map((label) => {
            const text = document.createRange();
            text.selectNodeContents(label);
            return {
              word: label.textContent,
              cut: text.getBoundingClientRect().width > label.getBoundingClientRect().width + 0.5,
            };
          }),
        );
        expect(badges.length).toBeGreaterThan(0);
        expect(badges.filter((badge) => badge.cut)).toEqual([]);
      }
      // governorates by their names in the language, their pages still by the canonical key
      const names = language === 'ar' ? ['البصرة', 'بغداد'] : ['بەسرە', 'بەغدا'];
      await open(page, '/governorates');
      const table = page.locator('[data-testid=governorates-table]');
      expect(
        await table.getByRole('link', { name: names[0], exact: true }).getAttribute('href'),
      ).toBe('/governorates/Basra');
      expect(await table.getByRole('link', { name: names[1], exact: true }).count()).toBe(1);
      expect(await table.locator('tbody').textContent()).not.toMatch(/[A-Za-z]/);
      // the map's tooltip too, opened over Basra's polygon so the screenshot shows it
      const basra = (await page.locator('path.governorate-IQ-BA').boundingBox())!;
      await page.dispatchEvent('path.governorate-IQ-BA', 'mouseover', {
        clientX: basra.x + basra.width / 2,
        clientY: basra.y + basra.height / 2,
      });
      expect(await page.textContent('.leaflet-tooltip')).toContain(names[0]);
      await record(page, `governorate-names-${language}`);
      await open(page, '/governorates/Basra');
      expect(await page.textContent('main h2')).toContain(names[0]);
      const column = await page.$$eval('[data-testid=risk-table] tbody td:nth-child(2)', (cells) =>
        cells.map((cell) => cell.textContent),
      );
      expect(column.length).toBeGreaterThan(0);
      expect(new Set(column)).toEqual(new Set([names[0]]));
      await checkDaysChart(page, true);
      await record(page, `governorate-names-basra-${language}`);
      if (language === 'ckb') {
        await open(page, '/overview');
        await record(page, 'analyst-overview-ckb');
      }
      await page.context().close();
    }
    const english = await loggedIn('analyst');
    expect(await english.getAttribute('html', 'dir')).toBe('ltr');
    expect((await english.locator('nav[aria-label=main]').boundingBox())!.x).toBeLessThan(100);
    await open(english, '/governorates/Basra');
    await checkDaysChart(english, false);
    await record(english, 'governorate-names-basra-en');
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
        '/cylinders',
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
    300_000, // about 90 s alone; much longer while the shared machine is busy
  );

  it('serves Swagger UI at /docs under the same Content-Security-Policy', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/docs`);
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 });
    expect(await page.textContent('.swagger-ui .info .title')).toContain('OxyLedger');
    await page.context().close();
  });

  // last: every page the tests above opened, under the api's policy (no bypass)
  it('opens every page without anything refused by the Content-Security-Policy', () => {
    expect(contentSecurityPolicyViolations).toEqual([]);
  });
});
