// Screenshots kept as artifacts (test-results/): the pages in both themes, on a wide screen and
// on a phone, with realistic data. The assertions check what a glance at them would: nothing
// overflows the viewport, and the theme toggle persists.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, type ContextOptions } from './support/browser';
import { logIn, WAIT, waitLive } from './support/page-helpers';
import { publishSession, publishTraffic, seedSummary } from './support/scenario';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  seedSummary(stack);
  publishSession(stack);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const DESKTOP: ContextOptions = { viewport: { width: 1440, height: 900 } };
const PHONE: ContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true };

async function noHorizontalOverflow(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client + 1);
}

/** A page that has replayed the session so far (resume from before it started). */
async function openStreaming(options: ContextOptions, colorScheme: 'light' | 'dark') {
  const context = await newContext(browser, { ...options, colorScheme });
  const page = await context.newPage();
  await logIn(page, stack);
  await waitLive(page);
  return { context, page };
}

describe('screenshots', () => {
  it('login page, light and dark', async () => {
    for (const [scheme, options] of [['light', DESKTOP], ['dark', PHONE]] as const) {
      const context = await newContext(browser, { ...options, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${stack.dashboardUrl}/login`);
      await page.getByLabel('User name').waitFor(WAIT);
      await screenshot(page, `login-${scheme}-${options === PHONE ? 'phone' : 'desktop'}`);
      await context.close();
    }
  });

  for (const scheme of ['dark', 'light'] as const) {
    for (const [name, options] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      it(`/streaming ${scheme} ${name}`, async () => {
        const { context, page } = await openStreaming(options, scheme);
        // A new socket gets what happens from now on (CONTRACT.md): the session is replayed to it.
        publishSession(stack);
        await page.locator('[data-testid="pattern-table"] tbody tr[data-id]').first().waitFor(WAIT);
        await publishTraffic(stack, 4);
        await page.getByTestId('critical-banner').waitFor(WAIT);
        await page.getByTestId('summary').waitFor(WAIT);
        await noHorizontalOverflow(page);
        await screenshot(page, `streaming-${scheme}-${name}`);
        await context.close();
      });
    }
  }

  it('/streaming/NVDA dark desktop and light phone', async () => {
    for (const [scheme, options, name] of [['dark', DESKTOP, 'desktop'], ['light', PHONE, 'phone']] as const) {
      const context = await newContext(browser, { ...options, colorScheme: scheme });
      const page = await context.newPage();
      await logIn(page, stack, '/streaming/NVDA');
      await waitLive(page);
      await page.locator('[data-testid="symbol-chart"] canvas').first().waitFor(WAIT);
      await noHorizontalOverflow(page);
      await screenshot(page, `symbol-${scheme}-${name}`);
      await context.close();
    }
  });

  it('the theme toggle switches themes and the choice survives a reload (rendered by the server)', async () => {
    const { context, page } = await openStreaming(DESKTOP, 'dark');
    const theme = () => page.evaluate(() => document.documentElement.dataset['theme']);
    expect(await theme()).toBe('system');
    await page.getByRole('button', { name: /^Theme: System/ }).click();
    expect(await theme()).toBe('light');
    await page.reload();
    await waitLive(page);
    expect(await theme()).toBe('light');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(244, 246, 249)');
    await context.close();
  });

  it('is usable with the keyboard: skip link, filters and the theme toggle are reachable', async () => {
    const { context, page } = await openStreaming(DESKTOP, 'dark');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const focused: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(focused.some((f) => f.startsWith('Theme:'))).toBe(true);
    expect(focused).toContain('symbols');
    await page.keyboard.press('Escape');
    await page.focus('[data-testid="filter-symbols"]');
    await page.keyboard.type('AAPL');
    await page.keyboard.press('Enter');
    await page.waitForURL(/symbols=AAPL/, WAIT);
    await context.close();
  });
});
