/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, hence the DOM types.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createScratchDatabase } from '@oxyledger/config/testing/scratch-database';
import { ProjectorService } from '@oxyledger/read-models';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DemoSeedService } from '../../apps/api/src/demo/demo-seed.service';
import { startTestApp, type TestApp } from '../../apps/api/test/support/test-app';

/** Debian's Chromium (installed by .ci/run); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_ROOT = join(__dirname, '..', '..', 'apps', 'web', 'dist');
export const SCREENS = join(__dirname, '..', '..', 'apps', 'web', 'test-output', 'screens');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`No built web app in ${WEB_ROOT}: run npm run build:web (npm test does)`);
  }
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // root in CI containers; no GPU on these machines (the map is SVG, no WebGL needed)
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  // every context (newPage makes one too) reports what the Content-Security-Policy refused
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) {
        contentSecurityPolicyViolations.push(`${message.location().url}: ${message.text()}`);
      }
    });
    return context;
  };
  return browser;
}

/** What Chromium refused under the api's Content-Security-Policy, in any page of this run. */
export const contentSecurityPolicyViolations: string[] = [];

/** Waits until the page shows its data: no spinner left, and the network quiet a moment. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('main') !== null &&
      document.querySelectorAll('.mantine-Loader-root').length === 0,
    undefined,
    { timeout: 20_000 },
  );
  await page.waitForTimeout(250);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A/AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol: an inline <script> would be refused by the CSP
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (...args: unknown[]) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The demo accounts' password. */
export const DEMO_PASSWORD = 'oxyledger-demo';

/** A browser suite's world: the api on the seeded demo, listening, and one Chromium. */
export interface DemoInBrowser {
  api: TestApp;
  browser: Browser;
  base: string;
  /** An access token of a demo user, logged in once. */
  token(username: string): Promise<string>;
  /**
   * A page logged in as this user, in this language: the first time through the login form,
   * then with the saved session (the api throttles logins to 10 a minute per user).
   */
  loggedIn(username: string, language?: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The api on a scratch database with its projector (and what `startWorkers` adds) running and
 * the demo seeded, and Chromium: one for a whole suite, a fresh browser context per user.
 */
export async function startDemoInBrowser(
  databaseName: string,
  startWorkers?: (api: TestApp) => Promise<void>,
): Promise<DemoInBrowser> {
  const opened: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const undo of opened.reverse()) await undo();
  };
  try {
    const database = await createScratchDatabase(databaseName);
    opened.push(() => database.drop());
    process.env.QUEUE_PREFIX = `oxyledger-test-${randomUUID().slice(0, 8)}`;
    process.env.DEMO_SEED = 'true';
    const api = await startTestApp({ databaseUrl: database.url, webRoot: WEB_ROOT });
    opened.push(() => api.close());
    api.app.get(ProjectorService).start();
    await startWorkers?.(api);
    await api.app.get(DemoSeedService).seedIfEmpty();
    await new Promise<void>((resolve) => api.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    const browser = await launchBrowser();
    opened.push(() => browser.close());

    const tokens = new Map<string, string>();
    const token = async (username: string) => {
      if (!tokens.has(username)) {
        const response = await api
          .http()
          .post('/auth/login')
          .send({ username, password: DEMO_PASSWORD });
        if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
        tokens.set(username, response.body.accessToken as string);
      }
      return tokens.get(username)!;
    };

    const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
    const loggedIn = async (username: string, language = 'en') => {
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
        await page.fill('input[name=password]', DEMO_PASSWORD);
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
    };

    return { api, browser, base, token, loggedIn, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Goes to a path inside the single-page app, as its links do (no reload), and waits for it. */
export async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await settled(page);
}

/**
 * Screenshots for people to look at, into `folder` (gitignored), each page's accessibility
 * findings kept for the suite's last check.
 */
export function pageRecorder(folder: string) {
  mkdirSync(folder, { recursive: true });
  const accessibility: { page: string; violations: AxeViolation[] }[] = [];
  const record = async (page: Page, name: string): Promise<void> => {
    await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
    accessibility.push({ page: name, violations: await seriousAccessibilityViolations(page) });
  };
  return { accessibility, record };
}
