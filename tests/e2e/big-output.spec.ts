import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Huge replies in the real renderer, streamed from the test server through the browser host. What
 * keeps the page responsive is asserted as behaviour (the block goes into the page over several
 * frames, the page keeps painting meanwhile, everything is there once settled); how long the
 * longest task took is only attached to the report (`npm run bench` measures it).
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-big-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const LINES = 2_000;
const code = Array.from(
  { length: LINES },
  (_, i) => `  const value${i} = compute(${i}, "text ${i}") + other[${i % 97}]; // line ${i + 1}`,
).join('\n');
const codeReply = `Here is the whole file:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nThat is all of it.`;

async function openApp(page: Page): Promise<void> {
  host = new HostProcess({ data: dataDir, backend: server?.url ?? '' });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

interface CodeProbe {
  /** Animation frames that ran while the code block was still being put in the page or highlighted. */
  framesWhilePending: number;
  /** Lines in the page the first time the block was seen pending. */
  firstPendingLines: number;
  settled: boolean;
  longTasks: number[];
}

/**
 * Watches, frame by frame, the last reply's top-level code block until the reply is complete and the
 * block is settled (`data-render="done"`: every slice in the page, highlighted where it will be).
 * Passed as source text: the test's transpiler would add helpers the page lacks.
 */
const watchCode = `() => {
  const probe = { framesWhilePending: 0, firstPendingLines: -1, settled: false, longTasks: [] };
  window.__codeProbe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  const tick = () => {
    const replies = document.querySelectorAll('[role="log"] [data-role="assistant"]');
    const reply = replies[replies.length - 1];
    const block = reply && reply.querySelector('code[data-render]');
    if (block && block.getAttribute('data-render') === 'pending') {
      if (probe.firstPendingLines < 0) probe.firstPendingLines = block.textContent.split('\\n').length;
      probe.framesWhilePending++;
    }
    if (block && reply.getAttribute('data-status') === 'complete' && !reply.querySelector('[data-render="pending"]')) {
      probe.settled = true;
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}`;

async function settledProbe(page: Page): Promise<CodeProbe> {
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __codeProbe: CodeProbe }).__codeProbe.settled), {
      timeout: 60_000,
    })
    .toBe(true);
  const probe = await page.evaluate(() => (window as unknown as { __codeProbe: CodeProbe }).__codeProbe);
  test.info().annotations.push({
    type: 'longest main-thread task (ms)',
    description: String(Math.round(Math.max(0, ...probe.longTasks))),
  });
  return probe;
}

async function expectWholeHighlightedCode(page: Page): Promise<void> {
  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  const block = reply.locator('code[data-render="done"]');
  expect(await block.evaluate((element) => element.textContent)).toBe(code);
  await expect(block).toHaveClass(/hljs/);
  await expect(block.locator('.hljs-keyword').first()).toHaveText('const');
  await expect(reply.locator('pre code .hljs-keyword').nth(LINES - 1)).toBeAttached();
  await expect(reply).toContainText('That is all of it.');
}

test('a 2,000-line code reply goes into the page over several frames, and all of it is there, highlighted', async ({
  page,
  context,
}) => {
  server = await startTestServer({ flavor: 'ollama' });
  server.setReply(() => codeReply);
  await openApp(page);
  await page.evaluate(`(${watchCode})()`);
  await send(page, 'The whole file, please');
  const probe = await settledProbe(page);
  // Rendered in slices: the page painted frames while the block was still going in or being highlighted.
  expect(probe.framesWhilePending).toBeGreaterThanOrEqual(3);
  await expectWholeHighlightedCode(page);

  // Copy copies the whole code, not only what is in view.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('log').getByRole('button', { name: 'Copy code' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // Reopened from the list: the first lines come at once, the rest over the following frames.
  await page.getByRole('button', { name: 'New chat', exact: true }).click();
  await expect(page.getByRole('log').locator('[data-role="assistant"]')).toHaveCount(0);
  await page.evaluate(`(${watchCode})()`);
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByText('The whole file, please')
    .first()
    .click();
  const reopened = await settledProbe(page);
  expect(reopened.firstPendingLines).toBeGreaterThan(0);
  expect(reopened.firstPendingLines).toBeLessThan(LINES);
  expect(reopened.framesWhilePending).toBeGreaterThanOrEqual(3);
  await expectWholeHighlightedCode(page);
});

test('a 400-level nested list is flattened with a note and keeps every item', async ({ page }) => {
  const list = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
  server = await startTestServer({ flavor: 'ollama' });
  server.setReply(() => `A deep outline:\n\n${list}\n\nEnd of outline.`);
  await openApp(page);
  await send(page, 'A deep outline');
  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply.getByRole('note').first()).toContainText('nested more than 16 levels deep');
  await expect(reply).toContainText('level 400');
  await expect(reply).toContainText('End of outline.');
  expect(await reply.locator('ul ul ul ul ul ul ul ul ul ul ul ul ul ul ul ul ul').count()).toBe(0);
  // The page still answers: the message box takes what is typed.
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('still here');
  await expect(composer).toHaveValue('still here');
});
