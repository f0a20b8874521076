import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startWebPage, type WebPage } from '../support/impersonation';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { freePort, HostProcess } from './host-process';

/**
 * The first ten minutes: the welcome screen finds the servers on this computer (the ports probed are
 * injected with --scan-ports, so no default port needs to be free), turns one into a profile in one
 * click, or says how to start Ollama; the empty chat tells the truth about its backend; and Test
 * connection's result is seen without scrolling. Real renderer, browser host, stores in a temp folder.
 */
let servers: TestServer[] = [];
let page404: WebPage | undefined;
let host: HostProcess | undefined;
let dataDir: string;

/** The built-in first-run profile: Ollama at its default URL (nothing answers there in tests). */
const BUILT_IN_OLLAMA = 'http://127.0.0.1:11434/v1';

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-onboarding-'));
});
test.afterEach(async () => {
  await host?.stop();
  await Promise.all(servers.map((s) => s.close()));
  await page404?.close();
  host = undefined;
  page404 = undefined;
  servers = [];
  rmSync(dataDir, { recursive: true, force: true });
});

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const started = await startTestServer({ flavor: 'ollama', ...options });
  servers.push(started);
  return started;
}

const portOf = (url: string) => Number(new URL(url).port);

/** First run as a new user has it: only the built-in Ollama profile, and the scan looks at `ports`. */
async function firstRun(page: Page, ports: number[], backend = BUILT_IN_OLLAMA): Promise<void> {
  host = new HostProcess({ data: dataDir, backend, extra: ['--scan-ports', ports.join(',')] });
  await page.goto(await host.start());
}

const welcome = (page: Page) =>
  page.getByRole('region', { name: /Welcome to Local LLM Desk|Find a model server/ });

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

test('first run finds the server that answers as Ollama, not the web page; one click and chat works', async ({
  page,
}) => {
  const ollama = await server({ models: ['llama3.2:1b'] });
  page404 = await startWebPage();
  await firstRun(page, [portOf(ollama.url), page404.port, await freePort()]);

  const screen = welcome(page);
  await expect(screen.getByRole('heading', { name: 'Welcome to Local LLM Desk' })).toBeVisible();
  // An Ollama profile adds "Manage models…" to the header: its buttons still fit at 1280 px.
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const name of ['Compare backends', 'Settings'])
    await expect(page.locator('.chat-header').getByRole('button', { name, exact: true })).toBeInViewport({
      ratio: 1,
    });
  await expect(screen.getByRole('status')).toHaveText('Found 1 model server on this computer.');
  const found = screen.getByRole('list', { name: 'Servers found' }).getByRole('listitem');
  await expect(found).toHaveCount(1);
  await expect(found).toContainText('Ollama 0.12.3 · 1 model');
  await expect(found).toContainText(`127.0.0.1:${portOf(ollama.url)}`);
  await expect(screen).not.toContainText(`127.0.0.1:${page404.port}`);

  await found.getByRole('button', { name: /^Use this/ }).click();
  await expect(found).toContainText('Already added');
  await screen.getByRole('button', { name: 'Start chatting' }).click();
  await expect(screen).toHaveCount(0);

  // The new profile is the default (the built-in one does not answer), and the chat goes to it.
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveValue(/.+/);
  await send(page, 'Hello there');
  await expect(page.getByRole('log')).toContainText('You said: Hello there');
  expect(ollama.requests.some((r) => r.path === '/v1/chat/completions')).toBe(true);
});

test('with nothing found: how to start Ollama, and Check again finds it once it runs', async ({ page }) => {
  const port = await freePort();
  await firstRun(page, [port]);
  const screen = welcome(page);
  await expect(screen.getByRole('status')).toContainText('No model server is running on this computer');
  await expect(screen.getByRole('heading', { name: 'Start Ollama' })).toBeVisible();
  const download = screen.getByRole('link', { name: 'ollama.com/download' });
  await expect(download).toHaveAttribute('href', 'https://ollama.com/download');
  await expect(download).toHaveAttribute('target', '_blank');
  await screen.getByRole('button', { name: 'Linux' }).click();
  await expect(screen.locator('pre code')).toContainText('ollama serve');
  await expect(screen.getByRole('button', { name: 'Add a cloud key' })).toBeVisible();
  await expect(screen.getByRole('button', { name: 'Enter a server URL' })).toBeVisible();

  const ollama = await server({ models: ['llama3.2:1b'], port });
  await screen.getByRole('button', { name: 'Check again' }).click();
  await expect(screen.getByRole('status')).toHaveText('Found 1 model server on this computer.');
  await screen.getByRole('button', { name: /^Use this/ }).click();
  await screen.getByRole('button', { name: 'Start chatting' }).click();
  await send(page, 'Are you there?');
  await expect(page.getByRole('log')).toContainText('You said: Are you there?');
  expect(ollama.requests.some((r) => r.path === '/v1/chat/completions')).toBe(true);
});

test('a server URL typed in the welcome screen is checked, saved and used', async ({ page }) => {
  const other = await server({ flavor: 'llamacpp', models: ['qwen'] });
  await firstRun(page, [await freePort()]);
  const screen = welcome(page);
  await screen.getByRole('button', { name: 'Enter a server URL' }).click();
  const field = screen.getByRole('textbox', { name: 'Server URL' });
  await expect(field).toBeFocused();
  await field.fill('not a url');
  await field.press('Enter');
  await expect(screen.getByRole('alert').first()).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill(other.url);
  await field.press('Enter');
  await screen.getByRole('button', { name: 'Start chatting' }).click();
  await send(page, 'Hi');
  await expect(page.getByRole('log')).toContainText('You said: Hi');
});

test('skipped, the empty chat says its backend does not answer and what to do; Settings reopens the search', async ({
  page,
}) => {
  await firstRun(page, [await freePort()]);
  await welcome(page).getByRole('button', { name: 'Skip for now' }).click();
  await expect(welcome(page)).toHaveCount(0);
  const log = page.getByRole('log');
  await expect(log).toContainText('Ollama at 127.0.0.1:11434 is not answering.');
  await expect(log.locator('code').filter({ hasText: 'ollama serve' })).toBeVisible();
  await expect(log).not.toContainText('runs locally');
  await log.getByRole('button', { name: 'Check again' }).click();
  await expect(log).toContainText('Checked again:');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Find local servers' }).click();
  const heading = welcome(page).getByRole('heading', { name: 'Find a model server' });
  await expect(heading).toBeFocused();
});

test('an empty chat on a backend that answers says where replies come from', async ({ page }) => {
  const ollama = await server({ models: ['llama3.2:1b'] });
  host = new HostProcess({ data: dataDir, backend: ollama.url });
  await page.goto(await host.start());
  await expect(page.getByRole('log')).toContainText('Your model runs locally, on this computer.');
  await expect(welcome(page)).toHaveCount(0);
});

test('Test connection: the result is in view at 1280×800 and names the models; a refused key says so', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const local = await server({ models: ['llama3.2:1b'] });
  host = new HostProcess({ data: dataDir, backend: local.url });
  await page.goto(await host.start());
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Connected' });
  await expect(result).toContainText('1 model: llama3.2:1b');
  await expect(result).toBeInViewport();

  // llama.cpp started with --api-key lists its models to anyone: the one-token completion tells.
  const guarded = await server({ flavor: 'llamacpp', models: ['qwen'], apiKey: 'right-key' });
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByRole('menuitem', { name: 'llama.cpp server', exact: true }).click();
  await page.getByRole('textbox', { name: 'Base URL' }).fill(guarded.url);
  await page.getByRole('textbox', { name: 'API key' }).fill('wrong-key');
  await page.getByRole('button', { name: 'Test connection' }).click();
  const refused = page.locator('.test-result[data-outcome="auth"]');
  await expect(refused).toBeVisible();
  await expect(refused).toBeInViewport();
});
