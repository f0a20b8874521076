import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { freePort, HostProcess } from './host-process';

/**
 * The real renderer in real Chromium, over the browser host's WebSocket, to the real router,
 * chat service and stores on disk, talking real HTTP to a test server that behaves like Ollama.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-data-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function openApp(page: Page, backend: string, extra: string[] = []): Promise<void> {
  host = new HostProcess({ data: dataDir, backend, extra });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

test('a reply streams in and is still there after the host restarts', async ({ page }) => {
  server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 200 });
  await openApp(page, server.url);
  await send(page, 'Plan my week');
  const log = page.getByRole('log');
  await expect(log).toContainText('You said: Plan my week.');
  await expect(log.locator('[data-role="assistant"]').last()).toHaveAttribute('data-status', 'complete');
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toContainText('Plan my week');

  await host?.stop();
  host = new HostProcess({ data: dataDir, backend: server.url });
  await page.goto(await host.start());
  await page.getByRole('navigation', { name: 'Conversations' }).getByText('Plan my week').click();
  await expect(page.getByRole('log')).toContainText('You said: Plan my week.');
  await expect(page.getByRole('log')).toContainText('Plan my week');
});

test('Stop mid-stream keeps the partial text, marked as stopped', async ({ page }) => {
  server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 8 });
  await openApp(page, server.url);
  await send(page, 'Tell me a long story');
  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(reply).toContainText('You said: Tell me');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(reply).toHaveAttribute('data-status', 'cancelled');
  const partial = (await reply.innerText()).trim();
  expect(partial).toContain('You said: Tell me');
  // Nothing more arrives after Stop, and the partial reply survives a reload.
  await page.waitForTimeout(500);
  await page.reload();
  await page.getByRole('navigation', { name: 'Conversations' }).getByText('Tell me a long story').click();
  const saved = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(saved).toHaveAttribute('data-status', 'cancelled');
  await expect(saved).toContainText('Stopped');
  expect((await saved.innerText()).trim()).toBe(partial);
});

test('Escape stops a streaming reply from the composer', async ({ page }) => {
  server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 8 });
  await openApp(page, server.url);
  await send(page, 'Stream slowly');
  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(reply).toContainText('You said');
  await page.getByRole('textbox', { name: 'Message' }).press('Escape');
  await expect(reply).toHaveAttribute('data-status', 'cancelled');
});

test('a backend that is down gets a clear message, and Retry works once it is up', async ({ page }) => {
  const port = await freePort();
  await openApp(page, `http://127.0.0.1:${port}/v1`, ['--model', 'llama3.2:1b']);
  await send(page, 'Are you there?');
  const alert = page.getByRole('log').getByRole('alert');
  await expect(alert).toContainText('refused the connection');
  await expect(alert).toContainText(`127.0.0.1:${port}`);
  await expect(alert).toContainText('Start the server');

  server = await startTestServer({ flavor: 'ollama', port });
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('log')).toContainText('You said: Are you there?');
  await expect(page.getByRole('log').getByRole('alert')).toHaveCount(0);
});

test('Shift+Enter makes a new line and Enter sends the whole message', async ({ page }) => {
  server = await startTestServer({ flavor: 'ollama' });
  await openApp(page, server.url);
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.type('line one');
  await composer.press('Shift+Enter');
  await composer.type('line two');
  await expect(composer).toHaveValue('line one\nline two');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await expect(page.getByRole('log')).toContainText('You said: line one line two.');
});

test('model output cannot run script, use javascript: links or load remote images', async ({ page }) => {
  server = await startTestServer({ flavor: 'ollama' });
  server.setReply(
    () =>
      'Here is **bold** and <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>\n\n' +
      '[click me](javascript:window.__pwned=3) and [safe](https://example.com/docs)\n\n' +
      '![tracker](http://127.0.0.1:9/pixel.png)\n\n```js\nconsole.log("hi")\n```\n',
  );
  await openApp(page, server.url);
  await send(page, 'try to hack');
  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply.locator('strong')).toHaveText('bold');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(reply.locator('script, img, iframe')).toHaveCount(0);
  await expect(reply.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(reply.locator('a[href="https://example.com/docs"]')).toHaveAttribute('rel', /noopener/);
  await expect(reply.getByRole('button', { name: 'Copy code' })).toBeVisible();
  await expect(reply.locator('pre code')).toContainText('console.log');
});

test('a conversation moves to the trash from the keyboard, and Undo brings it back', async ({ page }) => {
  server = await startTestServer({ flavor: 'ollama' });
  await openApp(page, server.url);
  await send(page, 'Keep or delete');
  await expect(page.getByRole('log')).toContainText('You said: Keep or delete.');
  const nav = page.getByRole('navigation', { name: 'Conversations' });
  await nav.getByRole('button', { name: /^Keep or delete/ }).focus();
  await page.keyboard.press('Delete');
  await expect(nav).not.toContainText('Keep or delete');
  const toast = page.getByRole('status').filter({ hasText: 'Moved “Keep or delete” to the trash.' });
  await toast.getByRole('button', { name: 'Undo' }).press('Enter');
  await expect(nav).toContainText('Keep or delete');
  await expect(page.getByRole('log')).toContainText('You said: Keep or delete.');
});

test('while a reply streams, finished markdown blocks are not rendered again', async ({ page }) => {
  server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 400 });
  const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} has a few words in it.`);
  server.setReply(() => paragraphs.join('\n\n'));
  await openApp(page, server.url);
  const stats = () =>
    page.evaluate(() => {
      const s = (globalThis as { __assistantRenderStats?: { commits: number; blockRenders: number } })
        .__assistantRenderStats;
      return { commits: s?.commits ?? 0, blockRenders: s?.blockRenders ?? 0 };
    });
  const before = await stats();
  await send(page, 'many paragraphs');
  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).toContainText('Paragraph 40 has a few words in it.');
  const after = await stats();
  const commits = after.commits - before.commits;
  const blockRenders = after.blockRenders - before.blockRenders;
  // Re-rendering every block on every commit would cost about commits × 20 here; memoised, each
  // commit renders only the growing tail (plus the block it just finished), and the end one full pass.
  expect(commits).toBeGreaterThan(5);
  expect(blockRenders).toBeLessThanOrEqual(2 * commits + 2 * paragraphs.length);
});

test('a damaged data file is moved aside and the user is told, with the rest intact', async ({ page }) => {
  server = await startTestServer({ flavor: 'ollama' });
  await openApp(page, server.url);
  await send(page, 'Remember me');
  await expect(page.getByRole('log')).toContainText('You said: Remember me.');
  await host?.stop();
  writeFileSync(join(dataDir, 'index.json'), '{"schemaVersion": 1, "conversations": {');
  host = new HostProcess({ data: dataDir, backend: server.url });
  await page.goto(await host.start());
  const banner = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(banner).toContainText('index.json');
  await expect(banner).toContainText('corrupt');
  // The conversation list was rebuilt from the conversation files: nothing was lost.
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toContainText('Remember me');
  expect(readdirSync(dataDir).some((f) => /^index\.corrupt-.*\.json$/.test(f))).toBe(true);
});

test('a malformed backend URL stops the host with the reason and the fix', () => {
  const result = spawnSync(
    process.execPath,
    ['dist/electron/browser-host.js', '--port', '0', '--data', dataDir, '--backend', 'ftp://example/v1'],
    {
      encoding: 'utf8',
      timeout: 15_000,
    },
  );
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('The scheme "ftp" is not supported. Use http:// or https://.');
});

test('a reply cut off mid-stream keeps its text and offers Continue, which finishes it in place', async ({
  page,
}) => {
  server = await startTestServer({ flavor: 'ollama' });
  server.fail({ kind: 'eof-without-done', afterTokens: 4 });
  await openApp(page, server.url);
  await send(page, 'Cut this short');
  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'incomplete');
  await expect(reply.getByRole('alert')).toContainText('ended the reply before it was finished');
  await expect(reply.getByRole('button', { name: 'Retry' })).toBeVisible();
  server.setReply(() => ' THE END.');
  await reply.getByRole('button', { name: 'Continue' }).click();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).toContainText('You said: Cut this THE END.');
  await expect(page.getByRole('log').locator('[data-role="assistant"]')).toHaveCount(1);
});
