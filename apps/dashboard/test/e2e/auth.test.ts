// Login, the cookie, the ticket, logout, and an expired login (CONTRACT.md "REST": the browser
// keeps the login token in an httpOnly cookie and asks its own server for socket tickets).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from './support/browser';
import { logIn, WAIT, waitLive } from './support/page-helpers';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('login', () => {
  it('sends a visitor without a login to /login, remembering where they were going', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${stack.dashboardUrl}/streaming?symbols=NVDA`);
    await page.waitForURL(/\/login\?next=/, WAIT);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/streaming?symbols=NVDA');
    await context.close();
  });

  it('says so when the password is wrong, and sets no cookie', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${stack.dashboardUrl}/login`);
    await page.getByLabel('User name').fill(stack.user.username);
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid user name or password.' }).waitFor(WAIT);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('keeps the token in an httpOnly SameSite cookie only, and the page socket uses a ticket issued for it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await logIn(page, stack);
    await waitLive(page);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'tickstock_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const visible = await page.evaluate(() => JSON.stringify({ cookie: document.cookie, local: { ...localStorage }, session: { ...sessionStorage } }));
    expect(visible).not.toContain(cookie!.value);
    expect(visible).not.toContain(cookie!.value.split('.')[1]);
    if (stack.fakes) {
      const socket = stack.fakes.fanout.connections.at(-1)!;
      expect(stack.fakes.query.loginOfTicket(socket.ticket)).toBe(cookie!.value);
    }
    await context.close();
  });

  it('logs in a user who typed before the page script ran (hydration keeps what was typed)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    let release!: () => void;
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/immutable/**/*.js', async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto(`${stack.dashboardUrl}/login?next=/streaming`);
    await page.getByLabel('User name').fill(stack.user.username);
    await page.getByLabel('Password').fill(stack.user.password);
    release(); // the script hydrates the page over what the user typed
    await page.waitForFunction(() => document.querySelector('html')?.hasAttribute('data-hydrated'), null, WAIT);
    expect(await page.getByLabel('User name').inputValue()).toBe(stack.user.username);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/streaming$/, WAIT);
    await context.close();
  });

  it('logs out: the cookie is gone and pages need a login again', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await logIn(page, stack);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/, WAIT);
    expect((await context.cookies()).filter((c) => c.name === 'tickstock_session')).toEqual([]);
    await page.goto(`${stack.dashboardUrl}/streaming`);
    await page.waitForURL(/\/login/, WAIT);
    await context.close();
  });
});

describe('an expired login', () => {
  it('when the query service stops accepting the token, the next page load goes to /login and drops the cookie', async ({ skip }) => {
    if (!stack.fakes) return skip('needs the fake query service to expire logins');
    const context = await newContext(browser);
    const page = await context.newPage();
    await logIn(page, stack);
    await waitLive(page);
    stack.fakes.query.expireAllLogins();
    await page.reload();
    await page.waitForURL(/\/login\?.*reason=expired/, WAIT);
    expect((await context.cookies()).filter((c) => c.name === 'tickstock_session')).toEqual([]);
    await context.close();
  });

  it('on close 4001 the page sends the user to /login and says the session expired', async ({ skip }) => {
    if (!stack.fakes) return skip('needs the fake fanout to close with 4001');
    const context = await newContext(browser);
    const page = await context.newPage();
    await logIn(page, stack);
    await waitLive(page);
    stack.fakes.query.expireAllLogins();
    stack.fakes.fanout.closeAll(4001, 'token expired');
    await page.waitForURL(/\/login\?.*reason=expired/, WAIT);
    await page.getByText('Your session expired').waitFor(WAIT);
    expect((await context.cookies()).filter((c) => c.name === 'tickstock_session')).toEqual([]);
    await context.close();
  });
});
