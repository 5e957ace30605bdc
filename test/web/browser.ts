/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, hence the DOM types.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

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
