import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * What a new user tripped over in the first ten minutes (issue 15 §7, §2 and §4's meter), each
 * checked in the browser host as they met it.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-newcomer-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function startHost(options: Parameters<typeof startTestServer>[0] = {}): Promise<string> {
  server = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b', 'qwen3:4b'], ...options });
  host = new HostProcess({ data: dataDir, backend: server.url });
  return host.start();
}

/** Every request of `route` the page sends over the socket. */
function countRoute(page: Page, route: string): { count: number } {
  const seen = { count: 0 };
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { route?: string };
      if (message.route === route) seen.count++;
    }),
  );
  return seen;
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const lastReply = (page: Page) => page.getByRole('log').locator('[data-role="assistant"]').last();
const nav = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
const rowButtons = (page: Page) => nav(page).locator('[data-conversation-id]');

async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
}

test('New chat leaves no empty entry, Alt+Shift+N works in the browser, replies start with text', async ({
  page,
}) => {
  const url = await startHost({ reply: () => '  \n\nHello there.' });
  await page.goto(url);
  await send(page, 'First topic');
  await expect(rowButtons(page)).toHaveCount(1);
  await expect(page.getByRole('log')).toContainText('Hello there.');
  // The saved reply starts at its first visible character.
  const text = await lastReply(page).locator('.markdown').first().innerText();
  expect(text.startsWith('Hello')).toBe(true);

  const newChat = page.getByRole('button', { name: 'New chat', exact: true });
  await expect(newChat).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+N');
  await newChat.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New chat');
  await expect(composer(page)).toBeFocused();
  // Nothing sent yet: no empty "New chat" row in the list.
  await expect(rowButtons(page)).toHaveCount(1);
  await send(page, 'Second topic');
  await expect(rowButtons(page)).toHaveCount(2);

  // The browser keeps Ctrl+N for itself; Alt+Shift+N starts a new chat here.
  await page.keyboard.press('Alt+Shift+N');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New chat');
  await expect(page.getByRole('log')).not.toContainText('Second topic');
  await expect(rowButtons(page)).toHaveCount(2);
});

test('Stop from the keyboard leaves focus in the message box', async ({ page }) => {
  const url = await startHost({ tokensPerSecond: 5 });
  await page.goto(url);
  await composer(page).fill('Take your time');
  await composer(page).press('Enter');
  const stop = page.getByRole('button', { name: 'Stop' });
  await stop.focus();
  await page.keyboard.press('Enter');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
  await expect(stop).toHaveCount(0);
  await expect(composer(page)).toBeFocused();
});

test('Settings opened from the keyboard draw no ring round the heading', async ({ page }) => {
  const url = await startHost();
  await page.goto(url);
  await expect(composer(page)).toBeFocused();
  await page.keyboard.press('Control+Comma');
  const heading = page.getByRole('heading', { name: 'Settings', level: 1 });
  await expect(heading).toBeFocused();
  expect(await heading.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
});

test('the header: names only in the backend options, status beside; the meter asks again on a model change', async ({
  page,
}) => {
  const url = await startHost();
  const contextAsks = countRoute(page, 'chat.context');
  await page.goto(url);
  await send(page, 'Hello');
  const backend = page.getByRole('combobox', { name: 'Backend' });
  const options = await backend.locator('option').allInnerTexts();
  for (const option of options) expect(option).not.toMatch(/online|offline|●|○/);
  await expect(backend).toHaveAccessibleDescription(/\S/);

  await expect.poll(() => contextAsks.count).toBeGreaterThan(0);
  await page.waitForTimeout(500); // let the debounce of the last ask pass
  const before = contextAsks.count;
  const model = page.getByRole('combobox', { name: 'Model' });
  await model.fill('qwen3:4b');
  await model.press('Enter');
  // No draft change: only the model changed, and the meter asked for it.
  await expect.poll(() => contextAsks.count).toBeGreaterThan(before);
});

test('Save as preset sets the new preset; Compare this prompt… starts from the conversation', async ({
  page,
}) => {
  const url = await startHost();
  await page.goto(url);
  await send(page, 'Compare me');

  // A chosen model and a typed (unsaved) system prompt, saved as a preset.
  const model = page.getByRole('combobox', { name: 'Model' });
  await model.fill('qwen3:4b');
  await model.press('Enter');
  const bar = page.getByRole('region', { name: 'System prompt' });
  await bar.getByRole('button', { name: /System prompt/ }).click();
  await bar.getByRole('textbox', { name: 'System prompt' }).fill('Answer in French.');
  await bar.getByRole('button', { name: 'Save as preset…' }).click();
  const form = bar.getByRole('form', { name: 'Save as preset' });
  await form.getByRole('textbox', { name: 'Preset name' }).fill('French');
  await form.getByRole('button', { name: 'Save preset' }).click();
  const picker = bar.getByLabel('Preset', { exact: true });
  await expect(picker.locator('option:checked')).toHaveText('French');
  await expect(picker.locator('option', { hasText: 'Custom' })).toHaveCount(0);

  await page.getByRole('log').getByRole('button', { name: 'Compare this prompt…' }).click();
  await expect(page.getByRole('combobox', { name: 'Model for backend 1' })).toHaveValue('qwen3:4b');
  await expect(page.getByRole('textbox', { name: 'System prompt (optional)' })).toHaveValue(
    'Answer in French.',
  );
});

test('the tray page: Open in main window opens the main page on that conversation', async ({
  page,
  context,
}) => {
  const url = await startHost();
  await page.goto(`${url}&window=tray`);
  await send(page, 'From the tray');
  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Open in main window' }).click();
  const main = await opened;
  await expect(main.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('From the tray');
  await expect(main).not.toHaveURL(/conversation=/);
});

test('after another profile is made default, New chat (main and tray) and Compare start on it', async ({
  page,
  context,
}) => {
  const url = await startHost();
  const second = await startTestServer({ flavor: 'ollama', models: ['second-model'] });
  try {
    await page.goto(url);
    await send(page, 'On the first backend');
    // Compare opened once before the change: its offered pairs follow the new default later.
    await page.getByRole('button', { name: 'Compare backends' }).click();
    await expect(page.getByRole('combobox', { name: 'Profile for backend 1' })).toHaveValue(/.+/);
    await page.getByRole('button', { name: 'Back to chat' }).click();

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByRole('menuitem', { name: 'Custom', exact: true }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Second');
    await page.getByRole('textbox', { name: 'Base URL' }).fill(`${second.url}`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Make default' }).click();
    await page.keyboard.press('Escape');

    const backend = page.getByRole('combobox', { name: 'Backend' });
    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    await expect(backend.locator('option:checked')).toHaveText('Second');
    await send(page, 'On the second backend');
    expect(second.requests.some((r) => r.path === '/v1/chat/completions')).toBe(true);

    await page.getByRole('button', { name: 'Compare backends' }).click();
    await expect(
      page.getByRole('combobox', { name: 'Profile for backend 1' }).locator('option:checked'),
    ).toHaveText('Second');

    const tray = await context.newPage();
    await tray.goto(`${new URL(url).origin}/?window=tray`);
    await tray.getByRole('button', { name: 'New chat' }).click();
    await expect(tray.getByRole('combobox', { name: 'Backend' }).locator('option:checked')).toHaveText(
      'Second',
    );
  } finally {
    await second.close();
  }
});
