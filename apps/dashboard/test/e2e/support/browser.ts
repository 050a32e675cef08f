// Debian's Chromium driven by playwright-core (STACK.md: never download a browser). Every host
// name except 127.0.0.1 resolves to nothing, so a page that reached for the network would fail.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env['E2E_CHROMIUM'] ?? '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../../../test-results/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set E2E_CHROMIUM`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

export type ContextOptions = { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; isMobile?: boolean };

/**
 * A fresh context (own cookies). Notification is replaced by a recorder that is always granted:
 * headless Chromium shows none, and the test needs to see what the page would have shown.
 */
export async function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, colorScheme: options.colorScheme ?? 'dark', isMobile: options.isMobile ?? false, hasTouch: options.isMobile ?? false });
  await context.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      constructor(title: string, opts?: { body?: string }) {
        shown.push({ title, body: opts?.body ?? '' });
      }
    }
    Object.assign(window, { Notification: RecordingNotification, __notifications: shown });
  });
  return context;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = `${ARTIFACTS}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
