import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Two windows of one app: two pages on one browser host share its router, chat service and
 * events, as the main and tray windows share main's. A message sent in one shows in the other with
 * its reply streaming, either can stop it, and new conversations appear in both lists.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-sharing-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** A long reply of numbered words, so a test can tell how far it got and that nothing was lost or doubled. */
const WORDS = 300;
const longReply = () =>
  Array.from({ length: WORDS }, (_, i) => `w${String(i + 1).padStart(3, '0')}`).join(' ');

async function openFirst(page: Page): Promise<void> {
  host = new HostProcess({ data: dataDir, backend: server?.url ?? '' });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

/** Another window on the same host (the cookie is shared by the context). */
async function openSecond(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(host?.url ?? '');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  return page;
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

const lastReply = (page: Page): Locator => page.getByRole('log').locator('[data-role="assistant"]').last();
const nav = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });

/** The numbered words a reply shows, which must run w001, w002, … without a gap or a repeat. */
async function wordsShown(reply: Locator): Promise<number[]> {
  const text = await reply.locator('.markdown').innerText();
  return [...text.matchAll(/w(\d{3})/g)].map((m) => Number(m[1]));
}
const inOrder = (words: number[]) => words.every((n, i) => n === i + 1);

test('a message sent in one window shows in the other while its reply streams, and Stop there stops it', async ({
  page,
  context,
}) => {
  server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 400 });
  await openFirst(page);
  await send(page, 'Hello from A');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

  const other = await openSecond(context);
  await expect(other.getByRole('log')).toContainText('You said: Hello from A');

  server.setTokensPerSecond(20);
  server.setReply(longReply);
  await send(page, 'Second message from A');
  // The other window shows the user's message and the reply as it grows, before it is finished.
  await expect(other.getByRole('log').locator('[data-role="user"]').last()).toContainText(
    'Second message from A',
  );
  const mirrored = lastReply(other);
  await expect(mirrored).toContainText('w005');
  await expect(mirrored).toHaveAttribute('data-status', 'streaming');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'streaming');
  const partial = await wordsShown(mirrored);
  expect(partial.length).toBeLessThan(WORDS);
  expect(inOrder(partial)).toBe(true);

  // Stop in the window that did not send it stops the reply in both.
  await other.getByRole('button', { name: 'Stop' }).click();
  await expect(mirrored).toHaveAttribute('data-status', 'cancelled');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
  await expect(mirrored).toContainText('Stopped');
  await expect(lastReply(page)).toContainText('Stopped');
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  const stoppedHere = await wordsShown(mirrored);
  expect(stoppedHere.length).toBeLessThan(WORDS);
  expect(await wordsShown(lastReply(page))).toEqual(stoppedHere);
});

test('a new chat started in one window appears in the other, which stays on its conversation', async ({
  page,
  context,
}) => {
  server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 400 });
  await openFirst(page);
  await send(page, 'First topic');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  const other = await openSecond(context);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('First topic');

  await page.getByRole('button', { name: 'New chat' }).click();
  await send(page, 'Second topic');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

  await expect(
    nav(other)
      .getByRole('button', { name: /Second topic/ })
      .first(),
  ).toBeVisible();
  // Still reading the first conversation: nothing of the second one here.
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('First topic');
  await expect(other.getByRole('log')).toContainText('You said: First topic');
  await expect(other.getByRole('log')).not.toContainText('Second topic');
  await expect(nav(other).locator('[aria-current="page"]')).toContainText('First topic');
});

test('a reply already streaming when a window opens is shown live there and can be stopped', async ({
  page,
  context,
}) => {
  server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 20 });
  server.setReply(longReply);
  await openFirst(page);
  await send(page, 'Started before the other window');
  await expect(lastReply(page)).toContainText('w010');

  const other = await openSecond(context);
  const mirrored = lastReply(other);
  await expect(other.getByRole('log')).toContainText('Started before the other window');
  // It keeps growing here, from the text saved so far plus the deltas that arrive, without gaps.
  const atLoad = await wordsShown(mirrored);
  const later = Math.max(...atLoad, 10) + 20;
  await expect(mirrored).toContainText(`w${String(later).padStart(3, '0')}`);
  await expect(mirrored).toHaveAttribute('data-status', 'streaming');
  expect(inOrder(await wordsShown(mirrored))).toBe(true);

  await other.getByRole('button', { name: 'Stop' }).click();
  await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
  await expect(mirrored).toHaveAttribute('data-status', 'cancelled');
  expect(await wordsShown(mirrored)).toEqual(await wordsShown(lastReply(page)));
});
