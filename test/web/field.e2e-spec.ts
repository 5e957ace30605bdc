/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, hence the DOM types.
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { ProjectorService } from '@oxyledger/read-models';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setZXingModuleOverrides, writeBarcode } from 'zxing-wasm/writer';
import { NetworkService } from '@oxyledger/network';
import { DemoSeedService } from '../../apps/api/src/demo/demo-seed.service';
import { projectorCaughtUp } from '../../apps/api/test/support/projector';
import { planTrip, registerFullCylinders } from '../../apps/api/test/support/ledger-steps';
import { startTestApp, type TestApp } from '../../apps/api/test/support/test-app';
import { contentSecurityPolicyViolations, launchBrowser, SCREENS, WEB_ROOT } from './browser';

const PASSWORD = 'oxyledger-demo';
const PHONE = { width: 360, height: 740 };
const PLANT = 'baghdad-psa-1';
const SUPPLIER = 'rafidain-oxygen';
/** The demo `hospital` storekeeper's hospital. */
const STORE = 'baghdad-medical-city';

interface HistoryEvent {
  type: string;
  occurredAt?: string;
  recordedAt: string;
  data: Record<string, unknown>;
  actor?: { userId: string; role: string };
}

/**
 * The phone app in Debian's Chromium at phone size, against the real api, PostgreSQL and the
 * demo network: the service worker, IndexedDB and the outbox as a driver's phone has them.
 * "Offline" is the context offline plus every /api request aborted by the page's router (a
 * context offline does not stop a service worker's own requests; the app sends from the page).
 */
describe('web (browser): the phone app offline', () => {
  let database: ScratchDatabase;
  let api: TestApp;
  let browser: Browser;
  let base: string;
  const tokens = new Map<string, { accessToken: string; id: string }>();

  async function login(username: string) {
    if (!tokens.has(username)) {
      const response = await api.http().post('/auth/login').send({ username, password: PASSWORD });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
      tokens.set(username, {
        accessToken: response.body.accessToken as string,
        id: response.body.user.id as string,
      });
    }
    return tokens.get(username)!;
  }
  const bearer = async (username: string) => ({
    Authorization: `Bearer ${(await login(username)).accessToken}`,
  });

  async function history(serial: string): Promise<HistoryEvent[]> {
    const response = await api
      .http()
      .get(`/cylinders/${serial}`)
      .set(await bearer('admin'))
      .expect(200);
    return response.body.history as HistoryEvent[];
  }

  async function phone(username: string): Promise<Page> {
    const context: BrowserContext = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      serviceWorkers: 'allow',
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error (${username}): ${error.message}`));
    await page.goto(`${base}/field`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=reference-saved]', { timeout: 30_000 });
    // the service worker takes over this page once it is active
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    return page;
  }

  /** Logs in on a phone that shows the login page (after a logout). */
  async function logInAgain(page: Page, username: string): Promise<void> {
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=sync-bar]', { timeout: 30_000 });
  }
  async function logOut(page: Page): Promise<void> {
    await page.click('header button:has-text("Log out")');
    await page.waitForSelector('input[name=username]');
  }
  /** The commands kept in the phone's IndexedDB, every user's. */
  const keptOnPhone = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<
          { userId: string; status: string; attempts: number; path: string; outcome?: unknown }[]
        >((resolve, reject) => {
          const open = indexedDB.open('oxyledger-field');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('commands').objectStore('commands').getAll();
            all.onsuccess = () => {
              resolve(all.result);
              open.result.close();
            };
            all.onerror = () => reject(all.error);
          };
        }),
    );

  async function offline(page: Page): Promise<void> {
    await page.context().route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.context().setOffline(true);
  }
  async function online(page: Page): Promise<void> {
    await page.context().unroute('**/api/**');
    await page.context().setOffline(false);
  }
  /** Waits until the sync bar shows this many commands waiting (IndexedDB is read live). */
  const pending = (page: Page, count: number, timeout = 30_000) =>
    page.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid=pending-count]')?.getAttribute('data-pending') ===
        String(expected),
      count,
      { timeout },
    );

  async function scan(page: Page, step: string, serial: string): Promise<void> {
    const input = page.locator(`[data-testid=${step}] [data-testid=scan-input]`);
    await input.fill(serial);
    await input.press('Enter'); // as a keyboard-wedge scanner ends a read
  }

  async function sign(page: Page): Promise<void> {
    const canvas = page.locator('[data-testid=signature]');
    await canvas.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const box = (await canvas.boundingBox())!;
    const middle = box.y + box.height / 2;
    await page.mouse.move(box.x + 20, middle);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(box.x + 20 + i * 20, middle + (i % 2 ? -40 : 30), { steps: 3 });
    }
    await page.mouse.up();
  }

  async function open(page: Page, path: string): Promise<void> {
    await page.evaluate((to) => {
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await page.waitForTimeout(300);
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENS, `field-${name}.png`), fullPage: true });
  }

  /** A Code 128 label, drawn by ZXing's writer, as a photo of it would reach the app. */
  async function barcodePng(serial: string): Promise<Buffer> {
    const drawn = await writeBarcode(serial, { format: 'Code128', scale: 4 });
    if (!drawn.image) throw new Error(`no barcode for ${serial}: ${drawn.error}`);
    return Buffer.from(await drawn.image.arrayBuffer());
  }

  async function newTrip(stops: string[], serials: string[]): Promise<string> {
    const admin = (await login('admin')).accessToken;
    await registerFullCylinders(api, admin, {
      plantId: PLANT,
      ownerId: SUPPLIER,
      serials,
      gasGrade: 'oxygen-93',
    });
    // a truck of its own per trip: one open trip per truck
    const vehicleId = `field-truck-${randomUUID().slice(0, 8)}`;
    await api.app.get(NetworkService).ensureVehicle({
      id: vehicleId,
      registrationPlate: `IQ BAG ${vehicleId.slice(-4)}`,
      depotFacilityId: PLANT,
      capacity: { D: 20, E: 20, J: 20 },
      supplierId: SUPPLIER,
    });
    const tripId = await planTrip(api, admin, {
      originFacilityId: PLANT,
      vehicleId,
      driverUserId: (await login('driver')).id,
      stops,
    });
    await projectorCaughtUp(api);
    return tripId;
  }

  /** Full cylinders delivered to Baghdad Medical City through the api's own path, not the phone. */
  async function deliveredByTheApi(label: string, count: number) {
    const stamp = randomUUID().slice(0, 6).toUpperCase();
    const serials = Array.from({ length: count }, (_, i) => `IQ-${label}-${stamp}-${i}`);
    const tripId = await newTrip([STORE], serials);
    const driver = await bearer('driver');
    await api.http().post(`/trips/${tripId}/load`).set(driver).send({ serials }).expect(200);
    await api
      .http()
      .post(`/trips/${tripId}/deliveries`)
      .set(driver)
      .send({ facilityId: STORE, delivered: serials, collected: [], receivedBy: 'Store' })
      .expect(200);
    await projectorCaughtUp(api);
    return { serials, tripId };
  }

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    setZXingModuleOverrides({
      wasmBinary: readFileSync(require.resolve('zxing-wasm/writer/zxing_writer.wasm'))
        .buffer as ArrayBuffer,
    });
    database = await createScratchDatabase('webfield');
    process.env.QUEUE_PREFIX = `oxyledger-test-${randomUUID().slice(0, 8)}`;
    process.env.DEMO_SEED = 'true';
    api = await startTestApp({ databaseUrl: database.url, webRoot: WEB_ROOT });
    api.app.get(ProjectorService).start();
    await api.app.get(DemoSeedService).seedIfEmpty();
    await new Promise<void>((resolve) => api.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 180_000); // the demo seed (the partner network too) on a loaded machine

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await database?.drop();
  });

  it('opens from the cache offline, loads and delivers at three stops with signatures, and the ledger gets each event once with the offline times', async () => {
    const hospitals = ['baghdad-medical-city', 'al-kindi-teaching', 'basra-teaching'];
    const stamp = randomUUID().slice(0, 6).toUpperCase();
    const serials = hospitals.map((_, i) => `IQ-FLD-${stamp}-${i}`);
    const tripId = await newTrip(hospitals, serials);

    const page = await phone('driver');
    await page.reload(); // now served by the service worker
    await page.waitForSelector(`[data-testid=field-trip][data-trip="${tripId}"]`);
    await shot(page, 'trips-en');

    await offline(page);
    await page.reload();
    // the shell came from the precache and the trip from IndexedDB
    await page.waitForSelector(`[data-testid=field-trip][data-trip="${tripId}"]`);
    expect(await page.getAttribute('[data-testid=network]', 'data-online')).toBe('false');
    const wentOffline = new Date();

    await page.click(`[data-testid=field-trip][data-trip="${tripId}"]`);
    await scan(page, 'load-step', serials[0]);
    await scan(page, 'load-step', serials[1]);
    // the third through the same decoder the camera uses: a photo of its label
    await page.locator('[data-testid=load-step] input[type=file]').setInputFiles({
      name: 'label.png',
      mimeType: 'image/png',
      buffer: await barcodePng(serials[2]),
    });
    await page.waitForSelector(`[data-testid=scan][data-serial="${serials[2]}"]`);
    // a cylinder that is not at the plant is warned about at once
    await scan(page, 'load-step', 'IQ-NOT-HERE-1');
    await page.waitForSelector('[data-testid=scan][data-serial="IQ-NOT-HERE-1"][data-ok=false]');
    await shot(page, 'load-en');
    await page.click('[data-testid=scan][data-serial="IQ-NOT-HERE-1"] button');
    expect(
      await page.$$eval('[data-testid=scan]', (rows) =>
        rows.map((row) => row.getAttribute('data-ok')),
      ),
    ).toEqual(['true', 'true', 'true']);
    await page.click('[data-testid=confirm-load]');

    for (const [index, hospital] of hospitals.entries()) {
      await page.click(`[data-testid=stop][data-stop="${hospital}"]`);
      await scan(page, 'deliver-step', serials[index]);
      await page.waitForSelector(
        `[data-testid=scan][data-serial="${serials[index]}"][data-ok=true]`,
      );
      await page.fill(
        '[data-testid=received-by] input, input[data-testid=received-by]',
        `Storekeeper ${index + 1}`,
      );
      await sign(page);
      if (index === 0) await shot(page, 'stop-en');
      await page.click('[data-testid=confirm-delivery]:not([disabled])');
      await page.waitForSelector(`[data-testid=stop][data-stop="${hospital}"][data-served=true]`);
    }
    await page.click('[data-testid=complete]');
    // load + 3 × (signature image + delivery) + complete, all waiting on the phone
    await pending(page, 8);
    await shot(page, 'trip-offline-en');

    // the phone is closed and opened again, still offline: nothing is lost
    await page.reload();
    await page.waitForSelector('[data-testid=sync-bar]');
    await pending(page, 8);
    const backOnline = new Date();
    await online(page);
    await pending(page, 0);

    for (const [index, serial] of serials.entries()) {
      const events = await history(serial);
      const loaded = events.filter((event) => event.type === 'CylinderLoaded');
      const delivered = events.filter((event) => event.type === 'CylinderDelivered');
      expect(loaded).toHaveLength(1);
      expect(delivered).toHaveLength(1);
      // the time on the phone, not the time it reached the ledger
      expect(new Date(delivered[0].occurredAt!).getTime()).toBeGreaterThanOrEqual(
        wentOffline.getTime() - 1000,
      );
      expect(new Date(delivered[0].occurredAt!).getTime()).toBeLessThan(backOnline.getTime());
      expect(new Date(delivered[0].recordedAt).getTime()).toBeGreaterThanOrEqual(
        backOnline.getTime(),
      );
      expect(delivered[0].data).toMatchObject({
        facilityId: hospitals[index],
        receivedBy: `Storekeeper ${index + 1}`,
        proof: { signatureSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
    }
    await projectorCaughtUp(api);
    const trip = await api
      .http()
      .get(`/trips/${tripId}`)
      .set(await bearer('admin'))
      .expect(200);
    expect(trip.body.status).toBe('COMPLETED');

    // the proof is shown on the trip: the receiver's name and signature, from the api
    await page.click('[data-testid=sync-now]');
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-testid=field-trip][data-trip="${id}"]`) !== null ||
        document.querySelector('[data-testid=trip-screen]') !== null,
      tripId,
    );
    await open(page, `/field/trips/${tripId}/stops/${hospitals[0]}`);
    await page.waitForSelector('[data-testid=proof-of-delivery] img');
    await shot(page, 'stop-proof-en');
    await page.selectOption('header select', 'ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await shot(page, 'stop-proof-ar');
    await open(page, `/field/trips/${tripId}`);
    await shot(page, 'trip-ar');
    await open(page, '/field');
    await shot(page, 'trips-ar');
    await open(page, '/field/outbox');
    await shot(page, 'outbox-ar');
    await page.context().close();

    // the dispatcher sees each stop's receiver and signature on Plans and trips
    const office = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await office.goto(`${base}/plans`);
    await office.fill('input[name=username]', 'dispatcher');
    await office.fill('input[name=password]', PASSWORD);
    await office.click('button[type=submit]');
    for (const [index, hospital] of hospitals.entries()) {
      const row = `[data-testid=delivery-proof][data-trip="${tripId}"][data-stop="${hospital}"]`;
      await office.waitForSelector(`${row} [data-testid=proof-signature]`, { timeout: 30_000 });
      expect(await office.textContent(row)).toContain(`Storekeeper ${index + 1}`);
    }
    await office
      .locator('[data-testid=delivery-proofs]')
      .screenshot({ path: join(SCREENS, 'dashboard-delivery-proofs-en.png') });
    // and in the cylinder's history
    await office.goto(`${base}/cylinders?serial=${serials[0]}`);
    await office.waitForSelector(
      '[data-testid=cylinder-history] [data-testid=proof-of-delivery] [data-testid=proof-signature]',
      { timeout: 30_000 },
    );
    expect(await office.textContent('[data-testid=cylinder-history]')).toContain('Storekeeper 1');
    await office.close();
  }, 150_000);

  it('shows a delivery that conflicts while offline as a conflict on the phone and in the review queue', async () => {
    const stamp = randomUUID().slice(0, 6).toUpperCase();
    const serial = `IQ-CNF-${stamp}`;
    const tripId = await newTrip(['baghdad-medical-city'], [serial]);
    const page = await phone('driver');
    await page.waitForSelector(`[data-testid=field-trip][data-trip="${tripId}"]`);
    await page.click(`[data-testid=field-trip][data-trip="${tripId}"]`);
    await scan(page, 'load-step', serial);
    await page.click('[data-testid=confirm-load]');
    await pending(page, 0);

    await offline(page);
    await page.click('[data-testid=stop][data-stop="baghdad-medical-city"]');
    await scan(page, 'deliver-step', serial);
    await page.fill(
      'input[data-testid=received-by], [data-testid=received-by] input',
      'Storekeeper',
    );
    await sign(page);
    await page.click('[data-testid=confirm-delivery]:not([disabled])');
    // meanwhile the office records the cylinder elsewhere: lost from the truck, found at the plant
    const admin = await bearer('admin');
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
      .send({ facilityId: PLANT })
      .expect(200);

    await online(page);
    await page.click('[data-testid=sync-now]');
    await pending(page, 0);
    await page.click('[data-testid=sync-bar] a');
    await page.waitForSelector(
      '[data-testid=outbox-item][data-kind=delivery][data-status=conflict]',
    );
    await shot(page, 'outbox-conflict-en');

    await projectorCaughtUp(api); // the review queue is a read model
    const conflicts = await api
      .http()
      .get('/scan-conflicts')
      .set(await bearer('dispatcher'))
      .expect(200);
    const mine = (conflicts.body.items ?? conflicts.body) as { tripId: string }[];
    expect(mine.filter((conflict) => conflict.tripId === tripId)).toHaveLength(1);
    await page.context().close();
  });

  it('sends more queued commands than one sync batch, all of them, in order', async () => {
    // the storekeeper then has 11 full cylinders
    const { serials } = await deliveredByTheApi('STR', 11);

    const page = await phone('hospital');
    await page.waitForSelector('[data-testid=store-screen]');
    await offline(page);
    for (const action of ['in-use', 'empty']) {
      await page.click(`[data-testid=mark-action-${action}]`);
      for (const serial of serials) await scan(page, 'mark', serial);
    }
    await pending(page, 22); // more than one batch of 20
    await shot(page, 'store-offline-en');
    await page.selectOption('header select', 'ckb');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await shot(page, 'store-offline-ckb');
    await online(page);
    await page.click('[data-testid=sync-now]');
    await pending(page, 0);
    for (const serial of serials) {
      const types = (await history(serial)).map((event) => event.type);
      expect(types.slice(-2)).toEqual(['CylinderPutInUse', 'CylinderMarkedEmpty']);
    }
    await page.context().close();
  });

  it('lets a storekeeper confirm receipt with one cylinder missing, and the dispatcher sees the discrepancy', async () => {
    const { serials, tripId } = await deliveredByTheApi('RCP', 3);

    const page = await phone('hospital');
    await page.click(
      `[data-testid=received-trip][data-trip="${tripId}"] [data-testid=start-receipt]`,
    );
    await scan(page, 'confirm-receipt', serials[0]);
    await scan(page, 'confirm-receipt', serials[1]);
    await page.waitForSelector('[data-testid=receipt-missing]');
    expect(await page.textContent('[data-testid=receipt-missing]')).toContain(serials[2]);
    await shot(page, 'receipt-en');
    await page.click('[data-testid=confirm-receipt-button]');
    // sent, recorded, and read back with the day's data: the phone shows the difference reported
    const reported = `[data-testid=received-trip][data-trip="${tripId}"] [data-testid=receipt-state][data-discrepancy=true]`;
    for (let attempt = 0; !(await page.$(reported)) && attempt < 20; attempt++) {
      await page.click('[data-testid=sync-now]');
      await page.waitForTimeout(500);
    }
    await page.waitForSelector(reported);
    await projectorCaughtUp(api);
    const discrepancies = await api
      .http()
      .get('/reconciliation/receipts?discrepancies=true')
      .set(await bearer('dispatcher'))
      .expect(200);
    await page.selectOption('header select', 'ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await shot(page, 'receipt-ar');
    expect(
      (discrepancies.body as { tripId: string; missing: string[] }[]).find(
        (r) => r.tripId === tripId,
      ),
    ).toMatchObject({ missing: [serials[2]], unexpected: [] });
    await page.context().close();

    // and on the dispatcher's dashboard, beside the scan conflicts
    const office = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await office.goto(`${base}/plans`);
    await office.fill('input[name=username]', 'dispatcher');
    await office.fill('input[name=password]', PASSWORD);
    await office.click('button[type=submit]');
    await office.waitForSelector(`text=${serials[2]}`, { timeout: 30_000 });
    await office.close();
  });

  it('unloads at the plant by scanning, warns on a cylinder not on the truck, and lists what "unload all" will record', async () => {
    const stamp = randomUUID().slice(0, 6).toUpperCase();
    const serials = [0, 1, 2].map((i) => `IQ-UNL-${stamp}-${i}`);
    const tripId = await newTrip([STORE], serials);
    const driver = await bearer('driver');
    await api.http().post(`/trips/${tripId}/load`).set(driver).send({ serials }).expect(200);
    await api
      .http()
      .post(`/trips/${tripId}/deliveries`)
      .set(driver)
      .send({ facilityId: STORE, delivered: [serials[0]], collected: [], receivedBy: 'Store' })
      .expect(200);
    await projectorCaughtUp(api);

    const page = await phone('driver');
    await page.click(`[data-testid=field-trip][data-trip="${tripId}"]`);
    await page.waitForSelector('[data-testid=unload-step]');
    await offline(page);
    await scan(page, 'unload-step', serials[1]);
    await scan(page, 'unload-step', serials[0]); // delivered at the stop: not on the truck
    await page.waitForSelector(
      `[data-testid=unload-step] [data-testid=scan][data-serial="${serials[0]}"][data-ok=false]`,
    );
    expect(await page.textContent(`[data-testid=scan][data-serial="${serials[0]}"]`)).toContain(
      'not on this truck',
    );
    await shot(page, 'unload-scan-en');
    await page.click(`[data-testid=scan][data-serial="${serials[0]}"] button`);
    await page.click('[data-testid=confirm-unload]');
    await page.waitForSelector('[data-testid=unload-step] [data-testid=unload-all]');

    // what is left is listed, serial by serial, before anything is recorded
    await page.click('[data-testid=unload-all]');
    const listed = await page.$$eval('[data-testid=unload-all-list] [data-serial]', (items) =>
      items.map((item) => item.getAttribute('data-serial')),
    );
    expect(listed).toEqual([serials[2]]);
    await shot(page, 'unload-all-en');
    await page.selectOption('header select', 'ckb');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    // switching the language keeps the list open (the app is not remounted)
    await page.waitForSelector('[data-testid=unload-all-list]');
    await shot(page, 'unload-all-ckb');
    await page.click('[data-testid=confirm-unload-all]');
    await page.click('[data-testid=complete]');
    await pending(page, 3);

    await online(page);
    await page.click('[data-testid=sync-now]');
    await pending(page, 0);
    for (const serial of serials.slice(1)) {
      const unloads = (await history(serial)).filter((e) => e.type === 'CylinderUnloaded');
      expect(unloads).toHaveLength(1);
      expect(unloads[0].data).toMatchObject({ facilityId: PLANT });
    }
    expect((await history(serials[0])).map((e) => e.type)).not.toContain('CylinderUnloaded');
    await projectorCaughtUp(api);
    const trip = await api.http().get(`/trips/${tripId}`).set(driver).expect(200);
    expect(trip.body.status).toBe('COMPLETED');
    await page.context().close();
  });

  it("keeps a driver's queue through a logout: another user on the phone never sends it, the same driver logging in again sends it once", async () => {
    const stamp = randomUUID().slice(0, 6).toUpperCase();
    const serial = `IQ-RLG-${stamp}`;
    const tripId = await newTrip([STORE], [serial]);
    const karim = await login('driver');
    const other = await login('driver-baghdad-psa-1');

    const page = await phone('driver');
    await page.click(`[data-testid=field-trip][data-trip="${tripId}"]`);
    await offline(page);
    await scan(page, 'load-step', serial);
    await page.click('[data-testid=confirm-load]');
    await pending(page, 1);
    // tried once while offline (the network failed); that try is all it may ever show
    let [queued] = await keptOnPhone(page);
    for (let wait = 0; !queued.outcome && wait < 50; wait++) {
      await page.waitForTimeout(100);
      [queued] = await keptOnPhone(page);
    }
    expect(queued).toMatchObject({ userId: karim.id, status: 'pending' });
    await logOut(page);
    await online(page);

    // another driver of the same supplier logs in on this phone and syncs
    await logInAgain(page, 'driver-baghdad-psa-1');
    await page.waitForSelector(
      `[data-testid=others-waiting][data-user="${karim.id}"][data-count="1"]`,
    );
    expect(await page.textContent('[data-testid=others-waiting]')).toContain('Driver Karim');
    await pending(page, 0); // their own queue is empty
    await page.click('[data-testid=sync-now]');
    await page.waitForTimeout(1000);
    await shot(page, 'others-waiting-en');
    await page.selectOption('header select', 'ckb');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await shot(page, 'others-waiting-ckb');
    await page.selectOption('header select', 'en');
    expect((await history(serial)).map((e) => e.type)).not.toContain('CylinderLoaded');
    // untouched by the other user's syncs: not tried again, not answered
    expect(await keptOnPhone(page)).toEqual([queued]);
    expect(other.id).not.toBe(karim.id);

    // the driver logs in again on the same phone: the queued load arrives, once, as theirs
    await logOut(page);
    await logInAgain(page, 'driver');
    await pending(page, 0);
    await page.click('[data-testid=sync-now]');
    await page.waitForTimeout(500);
    const loads = (await history(serial)).filter((e) => e.type === 'CylinderLoaded');
    expect(loads).toHaveLength(1);
    expect(loads[0]).toMatchObject({ actor: { userId: karim.id } });
    expect(await page.$('[data-testid=others-waiting]')).toBeNull();
    expect((await keptOnPhone(page)).map((c) => c.status)).toEqual(['done']);
    await page.context().close();
  });

  // last: the scanner's WebAssembly, the service worker and the offline shell, under the policy
  it('runs the phone app without anything refused by the Content-Security-Policy', () => {
    expect(contentSecurityPolicyViolations).toEqual([]);
  });
});
