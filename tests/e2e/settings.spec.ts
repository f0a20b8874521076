import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/openai-test-server';
import { freePort, HostProcess } from './host-process';

/**
 * Backend profiles end to end: the settings view, the editor's checks, "Test connection" against
 * real HTTP servers that fail in each way a backend does, switching a conversation's backend, and
 * the API key staying in main. Same harness as chat.spec.ts: the real renderer in Chromium, the
 * browser host with its router, services and stores in a temp folder.
 */
let servers: TestServer[] = [];
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-settings-'));
});
test.afterEach(async () => {
  await host?.stop();
  await Promise.all(servers.map((s) => s.close()));
  host = undefined;
  servers = [];
  rmSync(dataDir, { recursive: true, force: true });
});

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const started = await startTestServer({ flavor: 'ollama', ...options });
  servers.push(started);
  return started;
}

async function openApp(page: Page, backend: string): Promise<void> {
  host = new HostProcess({ data: dataDir, backend });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

const profileList = (page: Page) => page.getByRole('list', { name: 'Profiles' });
const profileItem = (page: Page, name: string) =>
  profileList(page).getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}\\b`) });

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(profileList(page)).toBeVisible();
}

/** Add profile → preset, then fill what is given; the draft is not saved. */
async function draftProfile(
  page: Page,
  preset: 'Ollama' | 'LiteLLM proxy' | 'OpenAI' | 'Custom',
  fields: { name?: string; baseUrl?: string; apiKey?: string } = {},
): Promise<void> {
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByRole('menuitem', { name: preset, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'New profile' })).toBeVisible();
  if (fields.name !== undefined) await page.getByRole('textbox', { name: 'Name' }).fill(fields.name);
  if (fields.baseUrl !== undefined)
    await page.getByRole('textbox', { name: 'Base URL' }).fill(fields.baseUrl);
  if (fields.apiKey !== undefined) await page.getByRole('textbox', { name: 'API key' }).fill(fields.apiKey);
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

async function saveProfile(
  page: Page,
  preset: Parameters<typeof draftProfile>[1],
  fields: Parameters<typeof draftProfile>[2],
): Promise<void> {
  await draftProfile(page, preset, fields);
  await save(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  if (fields?.name) await expect(profileItem(page, fields.name)).toBeVisible();
}

/** Picks a profile in the chat header's Backend select (options read "<name>"; the status sits beside it). */
async function chooseBackend(page: Page, name: string): Promise<void> {
  const select = page.getByRole('combobox', { name: 'Backend' });
  const option = select.locator('option').filter({ hasText: new RegExp(`^${escapeRegExp(name)}$`) });
  const value = await option.getAttribute('value');
  expect(value).toBeTruthy();
  await select.selectOption(value ?? '');
  await expect(select).toHaveValue(value ?? '');
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

const lastReply = (page: Page): Locator => page.getByRole('log').locator('[data-role="assistant"]').last();

test('a profile from the Custom preset connects to a second server, and is kept', async ({ page }) => {
  const first = await server();
  const second = await server({ flavor: 'litellm', models: ['tuned-a', 'tuned-b', 'tuned-c'] });
  await openApp(page, first.url);

  // Ctrl+, opens settings; Escape and "Back to chat" leave them.
  await page.keyboard.press('Control+Comma');
  await expect(profileList(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await openSettings(page);

  await draftProfile(page, 'Custom', {
    name: 'Second box',
    baseUrl: `${second.origin}/v1/chat/completions/`,
  });
  // The URL exactly as requests will use it: the pasted endpoint is cut back to the base.
  await expect(page.getByText(`Requests go to: ${second.url}/chat/completions`)).toBeVisible();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Connected in' });
  await expect(result).toContainText(/Connected in \d+ ms · 3 models/);
  await expect(result).toContainText(`Tested: ${second.url}/models`);

  await save(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(profileItem(page, 'Second box')).toContainText(second.url);
  await expect(profileItem(page, 'Second box')).toContainText(/Online/);

  await page.reload();
  await openSettings(page);
  await expect(profileItem(page, 'Second box')).toBeVisible();
  await page.getByRole('button', { name: 'Back to chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
});

test('each way a connection fails is named in the editor, with the exact URL tested', async ({ page }) => {
  const ok = await server();
  const keyed = await server({ flavor: 'openai', apiKey: 'sk-right', models: ['gpt-test'] });
  const empty = await server();
  empty.setModels([]);
  const nobody = await freePort();
  await openApp(page, ok.url);
  await openSettings(page);
  await draftProfile(page, 'Custom', { name: 'Probe' });

  const failsWith = async (baseUrl: string, expected: RegExp, testedUrl: string) => {
    await page.getByRole('textbox', { name: 'Base URL' }).fill(baseUrl);
    await page.getByRole('button', { name: 'Test connection' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Tested:' });
    await expect(alert).toContainText(expected);
    await expect(alert).toContainText(`Tested: ${testedUrl}`);
  };

  await failsWith(
    `http://127.0.0.1:${nobody}/v1`,
    /refused the connection/,
    `http://127.0.0.1:${nobody}/v1/models`,
  );
  await failsWith(`${ok.origin}/wrong`, /Nothing answers at .*\(HTTP 404\)/, `${ok.origin}/wrong/models`);
  await page.getByRole('textbox', { name: 'API key' }).fill('sk-wrong');
  await failsWith(keyed.url, /rejected the API key \(HTTP 401\)/, `${keyed.url}/models`);
  await page.getByRole('textbox', { name: 'API key' }).fill('');
  await failsWith(keyed.url, /needs an API key/, `${keyed.url}/models`);
  await failsWith(empty.url, /lists no models/, `${empty.url}/models`);

  // And the good one, for contrast: a status, not an alert.
  await page.getByRole('textbox', { name: 'API key' }).fill('sk-right');
  await page.getByRole('textbox', { name: 'Base URL' }).fill(keyed.url);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connected in' })).toContainText('1 model');
  await expect(page.getByRole('alert').filter({ hasText: 'Tested:' })).toHaveCount(0);
});

test('bad input is rejected at its field and nothing is saved', async ({ page }) => {
  const backend = await server();
  await openApp(page, backend.url);
  await openSettings(page);
  await saveProfile(page, 'Custom', { name: 'Taken', baseUrl: backend.url });

  await draftProfile(page, 'Custom', { name: 'Never saved', baseUrl: backend.url });
  const name = page.getByRole('textbox', { name: 'Name' });
  const baseUrl = page.getByRole('textbox', { name: 'Base URL' });
  const key = page.getByRole('textbox', { name: 'API key' });
  const temperature = page.getByRole('spinbutton', { name: 'Temperature' });

  const rejected = async (field: Locator, message: RegExp | string) => {
    await save(page);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(
      message instanceof RegExp ? message : new RegExp(message),
    );
    await expect(field).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveCount(0);
  };

  await baseUrl.fill('http://exa mple.com/v1');
  await rejected(baseUrl, /is not a URL/);
  await baseUrl.fill('ftp://files.example.com/v1');
  await rejected(baseUrl, /scheme "ftp" is not supported/);
  await baseUrl.fill(backend.url);
  await expect(baseUrl).not.toHaveAttribute('aria-invalid', 'true');

  await name.fill('   ');
  await rejected(name, 'Give the profile a name.');
  // Only main knows every name: its field error lands at the same field.
  await name.fill('Taken');
  await rejected(name, /already exists/);
  await name.fill('Never saved');

  await temperature.fill('5');
  await rejected(temperature, 'Temperature is at most 2.');
  await temperature.fill('');
  await temperature.pressSequentially('1e'); // Not a number: the browser reports it as bad input, not empty.
  await rejected(temperature, 'Temperature must be a number.');
  await temperature.fill('0.4');

  await key.fill('sk-one two');
  await rejected(key, /spaces or line breaks/);

  await page.reload();
  await openSettings(page);
  await expect(profileItem(page, 'Taken')).toBeVisible();
  await expect(profileList(page)).not.toContainText('Never saved');
});

test('a conversation switches backend midway, keeping its history', async ({ page }) => {
  const a = await server({ reply: () => 'from A' });
  const b = await server({ reply: () => 'from B' });
  await openApp(page, a.url);
  await openSettings(page);
  await saveProfile(page, 'Custom', { name: 'Profile A', baseUrl: a.url });
  await saveProfile(page, 'Ollama', { name: 'Profile B', baseUrl: b.url });
  await page.getByRole('button', { name: 'Back to chat' }).click();

  await chooseBackend(page, 'Profile A');
  await expect(page.getByRole('log')).toContainText('Profile A');
  await send(page, 'first question');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(lastReply(page)).toContainText('from A');

  await chooseBackend(page, 'Profile B');
  await send(page, 'second question');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(lastReply(page)).toContainText('from B');

  const log = page.getByRole('log');
  await expect(log).toContainText('first question');
  await expect(log).toContainText('second question');
  const replies = log.locator('[data-role="assistant"]');
  await expect(replies).toHaveCount(2);
  await expect(replies.nth(0).locator('.message-meta')).toContainText('Profile A · llama3.2:1b');
  await expect(replies.nth(1).locator('.message-meta')).toContainText('Profile B · llama3.2:1b');
  // B was sent the whole history, A's answer included.
  const toB = b.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)?.body as {
    messages: { content: string }[];
  };
  expect(toB.messages.map((m) => m.content)).toEqual(
    expect.arrayContaining(['first question', 'from A', 'second question']),
  );

  // After a reload the conversation still talks to B, and the provenance is saved.
  await page.reload();
  await page.getByRole('navigation', { name: 'Conversations' }).getByText('first question').click();
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveValue(
    (await page
      .getByRole('combobox', { name: 'Backend' })
      .locator('option')
      .filter({ hasText: /^Profile B$/ })
      .getAttribute('value')) ?? '',
  );
  await expect(page.getByRole('log').locator('[data-role="assistant"]').first()).toContainText('Profile A');
});

test('the API key never reaches the renderer', async ({ page }) => {
  const secret = 'sk-secret-e2e-123';
  const local = await server();
  const cloud = await server({ flavor: 'openai', apiKey: secret, models: ['gpt-test'] });
  const sent: string[] = [];
  const received: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', (frame) => sent.push(String(frame.payload)));
    ws.on('framereceived', (frame) => received.push(String(frame.payload)));
  });
  await openApp(page, local.url);
  await openSettings(page);
  await saveProfile(page, 'OpenAI', { name: 'Keyed', baseUrl: cloud.url, apiKey: secret });
  await expect(page.getByText('A key is saved')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Replace key' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove key' })).toBeVisible();

  // Testing the saved profile uses the saved key (the field is untouched).
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connected in' })).toContainText('1 model');

  await page.getByRole('button', { name: 'Back to chat' }).click();
  await chooseBackend(page, 'Keyed');
  await send(page, 'hello cloud');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(lastReply(page)).toContainText('You said: hello cloud');
  expect(cloud.requests.some((r) => r.headers.authorization === `Bearer ${secret}`)).toBe(true);

  await page.reload();
  await openSettings(page);
  await profileItem(page, 'Keyed').click();
  await expect(page.getByText('A key is saved')).toBeVisible();

  expect(received.length).toBeGreaterThan(10);
  expect(received.filter((frame) => frame.includes(secret))).toEqual([]);
  // Sent once, in the save request; never again (not by the test, not by the chat).
  expect(sent.filter((frame) => frame.includes(secret))).toHaveLength(1);
  const inPage = await page.evaluate(
    (key) =>
      document.documentElement.outerHTML.includes(key) ||
      [...document.querySelectorAll('input')].some((input) => input.value.includes(key)),
    secret,
  );
  expect(inPage).toBe(false);
});

test('deleting the default profile asks which profile takes its place', async ({ page }) => {
  const backend = await server();
  await openApp(page, backend.url);
  await openSettings(page);
  await saveProfile(page, 'Custom', { name: 'Spare', baseUrl: backend.url });

  const defaultItem = profileList(page).getByRole('button').filter({ hasText: 'Default' });
  await expect(defaultItem).toHaveCount(1);
  const defaultName = (await defaultItem.locator('.profile-name').innerText()).trim();
  await defaultItem.click();
  await expect(page.getByRole('button', { name: 'Make default' })).toBeDisabled();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('is the default profile');
  const replacement = dialog.getByRole('combobox', { name: 'Replacement profile' });
  await expect(replacement.locator('option')).not.toContainText([defaultName]);
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toContainText('Choose which profile takes its place.');
  await expect(dialog).toBeVisible();
  await replacement.selectOption({ label: 'Spare' });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();
  await expect(profileItem(page, defaultName)).toHaveCount(0);
  await expect(profileItem(page, 'Spare')).toContainText('Default');

  await page.reload();
  await openSettings(page);
  await expect(profileItem(page, defaultName)).toHaveCount(0);
  await expect(profileItem(page, 'Spare')).toContainText('Default');

  // Profiles nothing depends on go after a plain confirmation, until one is left: that one stays.
  const others = (await profileList(page).locator('.profile-name').allInnerTexts()).filter(
    (n) => n !== 'Spare',
  );
  for (const other of others) {
    await profileItem(page, other).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('combobox')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(profileItem(page, other)).toHaveCount(0);
  }
  await profileItem(page, 'Spare').click();
  const lastDelete = page.getByRole('button', { name: 'Delete', exact: true });
  await expect(lastDelete).toBeDisabled();
  await expect(lastDelete).toHaveAccessibleDescription(/only profile/);
});

test('a rejected key in chat offers "Open profile settings", and the fixed key works', async ({ page }) => {
  const local = await server();
  const cloud = await server({ flavor: 'openai', apiKey: 'sk-right', models: ['gpt-test'] });
  await openApp(page, local.url);
  await openSettings(page);
  await saveProfile(page, 'OpenAI', { name: 'Cloud', baseUrl: cloud.url, apiKey: 'sk-wrong' });
  await page.getByRole('button', { name: 'Back to chat' }).click();
  await chooseBackend(page, 'Cloud');
  await send(page, 'are you there');

  const alert = page.getByRole('log').getByRole('alert');
  await expect(alert).toContainText(/key/i);
  await alert.getByRole('button', { name: 'Open profile settings' }).click();
  await expect(page.getByRole('heading', { name: 'Cloud' })).toBeVisible();
  await expect(profileItem(page, 'Cloud')).toHaveAttribute('aria-current', 'true');

  await page.getByRole('button', { name: 'Replace key' }).click();
  await expect(page.getByRole('textbox', { name: 'API key' })).toBeFocused();
  await page.getByRole('textbox', { name: 'API key' }).fill('sk-right');
  await save(page);
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to chat' }).click();
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(lastReply(page)).toContainText('You said: are you there');
});

test('Stop cancels a reply while it waits to retry', async ({ page }) => {
  const backend = await server();
  backend.fail({ kind: 'status', status: 429, retryAfterSeconds: 20 }, 3);
  await openApp(page, backend.url);
  await send(page, 'busy server');
  await expect(lastReply(page)).toContainText(/Retrying \d\/\d in \d+ s/);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  expect(backend.timings).toHaveLength(1);
});
