import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Ollama's models from the window: pull by name with a live progress bar (and cancel, a name that
 * does not exist, a connection cut mid-download and its retry), delete with a confirmation that asks
 * for a replacement, and the loaded models with Unload. The test server speaks Ollama's `/api/pull`,
 * `/api/delete` and `/api/ps`; the profile comes from the welcome screen's "Use this", as a new
 * user's would.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-ollama-models-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** First run with the test server found by the scan, used in one click; returns the Ollama server. */
async function openWithOllama(page: Page, models: string[]): Promise<TestServer> {
  server = await startTestServer({ flavor: 'ollama', models });
  const port = new URL(server.url).port;
  host = new HostProcess({
    data: dataDir,
    backend: 'http://127.0.0.1:11434/v1',
    extra: ['--scan-ports', port],
  });
  await page.goto(await host.start());
  const welcome = page.getByRole('region', { name: 'Welcome to Local LLM Desk' });
  await welcome.getByRole('button', { name: /^Use this/ }).click();
  await welcome.getByRole('button', { name: 'Start chatting' }).click();
  return server;
}

async function openModels(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Manage models…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Models on / });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function pull(dialog: Locator, model: string): Promise<void> {
  await dialog.getByRole('textbox', { name: 'Pull a model' }).fill(model);
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
}

test('a pull shows its progress and the model appears in the picker', async ({ page }) => {
  const ollama = await openWithOllama(page, ['llama3.2:1b']);
  ollama.ollama.setPullSpeed(2_000_000);
  const dialog = await openModels(page);
  await pull(dialog, 'qwen3:8b');
  const bar = dialog.getByRole('progressbar', { name: 'Pulling qwen3:8b' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('value', /\d+/);
  await expect(dialog.getByRole('list', { name: 'Pulls' })).toContainText(/\d+% · [\d.]+ MB of 4\.0 MB/);
  await expect(dialog).toContainText('qwen3:8b is ready');
  await expect(dialog.getByRole('list', { name: 'Installed models' })).toContainText('qwen3:8b');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('combobox', { name: 'Model' }).focus();
  await expect(page.locator('datalist option[value="qwen3:8b"]')).toHaveCount(1);
});

test('a model that does not exist says so', async ({ page }) => {
  await openWithOllama(page, ['llama3.2:1b']);
  const dialog = await openModels(page);
  await pull(dialog, 'no-such-model');
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('No model named no-such-model on ollama.com.');
  await expect(alert).toContainText('Check the name');
});

test('a download cut mid-way says so, and Try again finishes it', async ({ page }) => {
  const ollama = await openWithOllama(page, ['llama3.2:1b']);
  ollama.ollama.failNextPull({ dropAfterBytes: 2_000_000 });
  const dialog = await openModels(page);
  await pull(dialog, 'gemma3:1b');
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('The download of gemma3:1b was cut before it finished.');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(dialog).toContainText('gemma3:1b is ready');
  await expect(dialog.getByRole('list', { name: 'Installed models' })).toContainText('gemma3:1b');
});

test('Cancel stops a pull; a window opened mid-pull shows it', async ({ page }) => {
  const ollama = await openWithOllama(page, ['llama3.2:1b']);
  ollama.ollama.setPullSpeed(200_000);
  let dialog = await openModels(page);
  await pull(dialog, 'qwen3:8b');
  await expect(dialog.getByRole('progressbar', { name: 'Pulling qwen3:8b' })).toBeVisible();

  await page.reload();
  dialog = await openModels(page);
  const bar = dialog.getByRole('progressbar', { name: 'Pulling qwen3:8b' });
  await expect(bar).toBeVisible();
  await dialog.getByRole('list', { name: 'Pulls' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toContainText('Pull cancelled.');
  await expect.poll(() => ollama.ollama.pulls.at(-1)?.state).toBe('cancelled');
});

test('deleting a model asks first, and for a replacement where it is used', async ({ page }) => {
  const ollama = await openWithOllama(page, ['llama3.2:1b', 'gemma3:1b']);
  const dialog = await openModels(page);
  const installed = dialog.getByRole('list', { name: 'Installed models' });
  await installed.getByRole('button', { name: 'Delete llama3.2:1b' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete llama3.2:1b?' });
  await expect(confirm).toContainText('default model');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(confirm.getByRole('combobox', { name: 'Use instead' })).toHaveValue('gemma3:1b');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(installed).not.toContainText('llama3.2:1b');
  expect(ollama.requests.some((r) => r.method === 'DELETE' && r.path === '/api/delete')).toBe(true);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The chat follows the replacement.
  await page.getByRole('textbox', { name: 'Message' }).fill('Still there?');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page.getByRole('log')).toContainText('You said: Still there?');
});

test('the loaded models, and Unload', async ({ page }) => {
  const ollama = await openWithOllama(page, ['llama3.2:1b']);
  ollama.ollama.setLoaded(['llama3.2:1b']);
  const dialog = await openModels(page);
  const loaded = dialog.getByRole('list', { name: 'Loaded models' });
  await expect(loaded).toContainText('llama3.2:1b');
  await loaded.getByRole('button', { name: 'Unload llama3.2:1b' }).click();
  await expect(loaded).toHaveCount(0);
  await expect(dialog).toContainText('None: a model loads when it is first asked');
});

test('an Ollama without models offers a pull from the empty chat', async ({ page }) => {
  await openWithOllama(page, []);
  const log = page.getByRole('log');
  await expect(log).toContainText('Ollama is running but has no models yet.');
  await log.getByRole('button', { name: 'Pull llama3.2' }).click();
  const dialog = page.getByRole('dialog', { name: /^Models on / });
  await expect(dialog.getByRole('textbox', { name: 'Pull a model' })).toHaveValue('llama3.2');
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(dialog).toContainText('llama3.2 is ready');
});
