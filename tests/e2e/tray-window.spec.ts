import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * The tray window's compact layout (`?window=tray`) in the browser host: the same renderer without
 * the conversation list, its composer focused, New chat and Pin, and Escape asking main to hide it
 * (the browser host has no tray window and answers `hidden: false`).
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-tray-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function startHost(): Promise<string> {
  server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 400 });
  host = new HostProcess({ data: dataDir, backend: server.url });
  return host.start();
}

/** Every request for `route` the page makes, with the host's answer once it came. */
function watchRoute(page: Page, route: string): { asked: number[]; answers: unknown[] } {
  const seen = { asked: [] as number[], answers: [] as unknown[] };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { route?: string; id?: number };
      if (message.route === route && message.id !== undefined) seen.asked.push(message.id);
    });
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { kind?: string; id?: number; result?: unknown };
      if (message.kind === 'result' && seen.asked.includes(message.id ?? -1))
        seen.answers.push(message.result);
    });
  });
  return seen;
}

const watchTrayHide = (page: Page) => watchRoute(page, 'tray.hide');

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const lastReply = (page: Page) => page.getByRole('log').locator('[data-role="assistant"]').last();

test('the tray window: no list, composer focused, New chat, Pin that persists, Escape hides', async ({
  page,
}) => {
  const url = await startHost();
  const hides = watchTrayHide(page);
  await page.goto(`${url}&window=tray`);
  // The token was traded for a cookie and the address keeps only `window=tray`.
  await expect(page).toHaveURL(/\/\?window=tray$/);
  await expect(composer(page)).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New chat');
  const log = page.getByRole('log', { name: 'Transcript' });
  // The virtualised transcript is not itself live (rows mount as it scrolls); a polite status says when a reply ends.
  await expect(log).toHaveAttribute('aria-live', 'off');
  await expect(page.locator('.transcript-frame > [role="status"]')).toHaveAttribute('aria-live', 'polite');

  await composer(page).fill('Quick question');
  await composer(page).press('Enter');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(log).toContainText('You said: Quick question');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quick question');

  // New chat: an empty conversation, ready to type in.
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New chat');
  await expect(log).not.toContainText('Quick question');
  await expect(composer(page)).toBeFocused();

  // Pin: a toggle button, saved as a desktop preference.
  const pin = page.getByRole('button', { name: 'Pin window' });
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  await pin.click();
  await expect(pin).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Pin window' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Pin window' }).press('Space');
  await expect(page.getByRole('button', { name: 'Pin window' })).toHaveAttribute('aria-pressed', 'false');

  // Escape asks main to hide the window; the browser host has none to hide, and the page goes on.
  expect(hides.asked).toHaveLength(0);
  await composer(page).focus();
  await page.keyboard.press('Escape');
  await expect.poll(() => hides.answers).toEqual([{ ok: true, value: { hidden: false } }]);
  await composer(page).fill('Still here');
  await composer(page).press('Enter');
  await expect(page.getByRole('log')).toContainText('You said: Still here');
});

test('in the tray window Escape stops a streaming reply first, and only then hides', async ({ page }) => {
  const url = await startHost();
  server?.setTokensPerSecond(10);
  const hides = watchTrayHide(page);
  await page.goto(`${url}&window=tray`);
  await composer(page).fill('Stream slowly please');
  await composer(page).press('Enter');
  await expect(lastReply(page)).toContainText('You said');
  await composer(page).press('Escape');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
  expect(hides.asked).toHaveLength(0);
  await composer(page).press('Escape');
  await expect.poll(() => hides.asked.length).toBe(1);
});

test('the browser host has no main window to hand over to: the tray page opens compare itself', async ({
  page,
}) => {
  const url = await startHost();
  const handOvers = watchRoute(page, 'window.showMain');
  await page.goto(`${url}&window=tray`);
  // Named and keyboard reachable.
  const openMain = page.getByRole('button', { name: 'Open in main window' });
  await expect(openMain).toBeVisible();
  await composer(page).fill('Plan my week\nwith two lines');
  await composer(page).press('Enter');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

  await openMain.focus();
  await openMain.press('Enter');
  await expect.poll(() => handOvers.answers).toEqual([{ ok: true, value: { shown: false } }]);
  await expect(page.getByRole('log')).toContainText('You said: Plan my week');

  // Shown in the tray too; the host shows no main window, so compare opens here, filled in.
  await page.getByRole('log').getByRole('button', { name: 'Compare this prompt…' }).click();
  await expect(page.getByRole('heading', { name: 'Compare backends', level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(
    'Plan my week\nwith two lines',
  );
  expect(handOvers.answers).toEqual([
    { ok: true, value: { shown: false } },
    { ok: true, value: { shown: false } },
  ]);
  await page.getByRole('button', { name: 'Back to chat' }).click();
  await expect(composer(page)).toBeFocused();
});

test('the tray window shows the most recent conversation, sent from the main window', async ({
  page,
  context,
}) => {
  const url = await startHost();
  await page.goto(url);
  await composer(page).fill('Asked in the main window');
  await composer(page).press('Enter');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

  const tray = await context.newPage();
  await tray.goto(`${url}&window=tray`);
  await expect(tray.getByRole('heading', { level: 1 })).toHaveText('Asked in the main window');
  await expect(tray.getByRole('log')).toContainText('You said: Asked in the main window');
  await expect(composer(tray)).toBeFocused();
  // And the other way: a message sent from the tray shows in the main window.
  await composer(tray).fill('Follow-up from the tray');
  await composer(tray).press('Enter');
  await expect(page.getByRole('log')).toContainText('You said: Follow-up from the tray');
});

test('the page follows the system light or dark theme', async ({ page }) => {
  const url = await startHost();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const text = () => page.evaluate(() => getComputedStyle(document.body).color);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${url}&window=tray`);
  await expect(composer(page)).toBeVisible();
  expect(await background()).toBe('rgb(255, 255, 255)');
  expect(await text()).toBe('rgb(31, 35, 40)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).toBe('rgb(28, 29, 31)');
  expect(await text()).toBe('rgb(230, 230, 227)');
});
