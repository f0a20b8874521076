import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * The presets that come with the backend adapters, end to end: the real renderer in Chromium, the
 * browser host and real test servers impersonating LM Studio and llama.cpp. Test connection shows
 * what each server's adapter found, through the same view for every kind.
 */
let servers: TestServer[] = [];
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-presets-'));
});
test.afterEach(async () => {
  await host?.stop();
  await Promise.all(servers.map((s) => s.close()));
  host = undefined;
  servers = [];
  rmSync(dataDir, { recursive: true, force: true });
});

async function server(options: TestServerOptions): Promise<TestServer> {
  const started = await startTestServer(options);
  servers.push(started);
  return started;
}

async function openSettings(page: Page, backend: string): Promise<void> {
  host = new HostProcess({ data: dataDir, backend });
  await page.goto(await host.start());
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('list', { name: 'Profiles' })).toBeVisible();
}

async function draft(page: Page, preset: string, baseUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByRole('menuitem', { name: preset, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'New profile' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kind' })).toHaveValue(
    preset === 'LM Studio' ? 'lmstudio' : 'llamacpp',
  );
  await page.getByRole('textbox', { name: 'Base URL' }).fill(baseUrl);
}

test('the LM Studio preset: its default URL, and a test that shows its loaded models, context and capabilities', async ({
  page,
}) => {
  const chat = await server({ flavor: 'ollama' });
  const lmstudio = await server({ flavor: 'lmstudio', models: ['qwen2-vl-2b', 'llama-3.2-1b'] });
  lmstudio.setContextMetadata({ contextLength: 32_768, runningContext: 8_192, capabilities: ['vision'] });
  await openSettings(page, chat.url);

  await page.getByRole('button', { name: 'Add profile' }).click();
  const item = page.getByRole('menuitem', { name: 'LM Studio', exact: true });
  await expect(item).toContainText('http://127.0.0.1:1234/v1');
  await page.keyboard.press('Escape');

  await draft(page, 'LM Studio', lmstudio.url);
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Connected in' });
  await expect(result).toContainText(/Connected in \d+ ms · 2 models/);
  await expect(result).toContainText('LM Studio');
  await expect(result).toContainText('Loaded now: qwen2-vl-2b, llama-3.2-1b');
  const table = result.getByRole('table', { name: 'Models on this server' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Model',
    'Family',
    'Quantisation',
    'Context',
    'Can use',
    'Loaded',
  ]);
  await expect(table.getByRole('row', { name: /qwen2-vl-2b/ })).toContainText('8,192');
  await expect(table.getByRole('row', { name: /qwen2-vl-2b/ })).toContainText('vision');
});

test('the llama.cpp preset: the test warns that tool calls need --jinja', async ({ page }) => {
  const chat = await server({ flavor: 'ollama' });
  const llama = await server({ flavor: 'llamacpp', models: ['model.gguf'] });
  await openSettings(page, chat.url);
  await draft(page, 'llama.cpp server', llama.url);
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Connected in' });
  await expect(result).toContainText('llama-server b4600-test');
  await expect(result).toContainText('Context: 4,096 tokens.');
  await expect(result).toContainText('Note: Tool calls need llama-server started with --jinja.');

  await page.getByRole('textbox', { name: 'Name' }).fill('Laptop llama');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page
    .getByRole('list', { name: 'Profiles' })
    .getByRole('button', { name: /^Laptop llama\b/ })
    .click();
  await expect(page.getByRole('combobox', { name: 'Kind' })).toHaveValue('llamacpp');
});
