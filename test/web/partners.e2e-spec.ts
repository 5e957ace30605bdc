/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, hence the DOM types.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  type DemoInBrowser,
  openInApp,
  pageRecorder,
  settled,
  startDemoInBrowser,
} from './browser';

/** Screenshots for people to look at (gitignored). */
const SCREENS = join(__dirname, '..', '..', 'test-output', 'partners');

/**
 * The partner network in Debian's Chromium against the real api, PostgreSQL and projector on
 * the demo: a plant goes down, its operator opens a request from the plant's page, the
 * dispatcher sees the suggested experts and assigns one, the expert (the partner login) resolves
 * it; the partner sees the directory and the board and none of the ledger's pages.
 */
describe('web (browser): partner directory and help requests', () => {
  let world: DemoInBrowser;
  const { accessibility, record } = pageRecorder(SCREENS);
  const token = (username: string) => world.token(username);
  const loggedIn = (username: string, language?: string) => world.loggedIn(username, language);
  const open = openInApp;

  const statusOf = (page: Page) => page.getAttribute('[data-testid=request-status]', 'data-status');

  beforeAll(async () => {
    world = await startDemoInBrowser('webpartners');
  }, 180_000);

  afterAll(() => world?.close());

  let requestId: string;

  it('a plant operator opens a breakdown request from the page of their plant that went down', async () => {
    await world.api
      .http()
      .post('/plants/baghdad-psa-1/status')
      .set('Authorization', `Bearer ${await token('producer')}`)
      .send({ status: 'down', reason: 'Main compressor tripped' })
      .expect(200);
    const page = await loggedIn('producer');
    await open(page, '/producers/baghdad-psa-1');
    await page.click('[data-testid=open-maintenance-request]');
    await page.waitForSelector('[data-testid=new-title]');
    await settled(page);
    expect(new URL(page.url()).search).toContain('category=plant-breakdown');
    await page.fill('[data-testid=new-title]', 'PSA plant down: main compressor tripped');
    await page.fill(
      '[data-testid=new-description]',
      'Compressor 1 tripped on high temperature at 06:10; no oxygen output since.',
    );
    await record(page, 'new-request-producer-en');
    await page.click('[data-testid=new-submit]');
    await page.waitForSelector('[data-testid=request-status]');
    await settled(page);
    requestId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await statusOf(page)).toBe('opened');
    expect(await page.textContent('main')).toContain('Baghdad PSA Plant 1');
    await page.context().close();
  }, 240_000);

  it('the dispatcher sees the right expert suggested first and assigns him', async () => {
    const page = await loggedIn('dispatcher');
    await open(page, `/help-requests/${requestId}`);
    await page.waitForSelector('[data-testid=suggestions] [data-testid^=suggested-]');
    const suggested = await page.$$eval('[data-testid^=suggested-]', (rows) =>
      rows.map((row) => row.getAttribute('data-testid')),
    );
    // Ali Hassan: PSA plants and electrical, works in Baghdad, available
    expect(suggested[0]).toBe('suggested-ali-hassan');
    await record(page, 'request-dispatcher-en');
    await page.click('[data-testid=assign-ali-hassan]');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') ===
        'assigned',
    );
    expect(await page.textContent('[data-testid=request-assignee]')).toContain('Ali Hassan');
    await page.context().close();

    const arabic = await loggedIn('dispatcher', 'ar');
    await open(arabic, `/help-requests/${requestId}`);
    expect(await arabic.getAttribute('html', 'dir')).toBe('rtl');
    await record(arabic, 'request-dispatcher-ar');
    await open(arabic, '/help-requests');
    await record(arabic, 'board-dispatcher-ar');
    await arabic.context().close();
  }, 240_000);

  it('the expert (partner) starts and resolves it, and sees only the partner pages', async () => {
    const page = await loggedIn('partner');
    const menu = await page.$$eval('nav[aria-label=main] a', (links) =>
      links.map((link) => link.getAttribute('data-testid')),
    );
    expect(menu).toEqual(['nav-help-requests', 'nav-directory']);
    expect(new URL(page.url()).pathname).toBe('/help-requests');
    await record(page, 'board-partner-en');
    for (const ledgerPage of ['/overview', '/cylinders', '/producers/baghdad-psa-1', '/alerts']) {
      await open(page, ledgerPage);
      await page.waitForFunction(() => window.location.pathname === '/help-requests');
    }
    await open(page, `/help-requests/${requestId}`);
    await page.click('[data-testid=action-start]');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') ===
        'in-progress',
    );
    await page.fill(
      '[data-testid=action-text]',
      'Replaced the thermal relay; output back to normal.',
    );
    await page.click('[data-testid=action-resolve]');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') ===
        'resolved',
    );
    await settled(page);
    await record(page, 'request-partner-resolved-en');

    await open(page, '/directory');
    await page.waitForSelector('[data-testid=directory-people] tbody tr');
    expect(await page.locator('path.governorate').count()).toBe(18);
    await record(page, 'directory-partner-en');
    await open(page, '/directory/people/ali-hassan');
    await record(page, 'person-partner-en');
    await open(page, '/directory/organisations/who-iraq');
    await record(page, 'organisation-partner-en');
    await page.context().close();

    const arabic = await loggedIn('partner', 'ar');
    await open(arabic, '/directory');
    await arabic.waitForSelector('[data-testid=directory-people] tbody tr');
    await record(arabic, 'directory-partner-ar');
    await open(arabic, '/directory/people/ali-hassan');
    await record(arabic, 'person-partner-ar');
    await arabic.context().close();
  }, 240_000);

  it('shows a hospital user only the contacts shared with hospitals', async () => {
    const page = await loggedIn('hospital');
    await open(page, '/directory/people/zainab-kareem');
    // Zainab shares her phone with dispatchers and admins only, her e-mail with the network
    const contacts = await page.textContent('[data-testid=contacts-zainab-kareem]');
    expect(contacts).toContain('zainab.kareem@mesopotamia-biomed.example');
    expect(contacts).not.toMatch(/\+964/);
    await page.context().close();
  }, 240_000);

  it('has no serious accessibility violations on any page it looked at', () => {
    expect(accessibility.filter((entry) => entry.violations.length > 0)).toEqual([]);
  });
});
