// Steps the browser tests share. Every wait has a deadline (locator waits, waitForFunction),
// never a sleep.
import type { Page } from 'playwright-core';
import type { Stack } from './stack';

export const WAIT = { timeout: 10_000 };

export async function logIn(page: Page, stack: Stack, path = '/streaming'): Promise<void> {
  await page.goto(`${stack.dashboardUrl}${path}`);
  await page.waitForURL(/\/login/, WAIT);
  await page.getByLabel('User name').fill(stack.user.username);
  await page.getByLabel('Password').fill(stack.user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((u) => u.pathname === path.split('?')[0], WAIT);
}

/** Waits until the page's socket is live (welcome received). */
export async function waitLive(page: Page): Promise<void> {
  await page.locator('[data-testid="connection"][data-phase="live"]').waitFor(WAIT);
}

export function patternRow(page: Page, id: string) {
  return page.locator(`[data-testid="pattern-table"] tr[data-id="${id}"]`);
}

/** How many rows with this id the pattern table holds (must never be more than 1). */
export function countPatternRows(page: Page, id: string): Promise<number> {
  return patternRow(page, id).count();
}
