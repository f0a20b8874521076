import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Reply versions in the real renderer (Chromium, browser host, test server like Ollama): Regenerate
 * and Edit & resend keep what they replace as versions of the turn, ‹ 1/3 › switches in place from
 * the keyboard, and the conversation goes on from the version shown — checked against what the
 * test server received.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;
const MODEL = 'llama3.2:1b';

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-versions-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function openApp(page: Page): Promise<void> {
  host = new HostProcess({ data: dataDir, backend: server!.url, extra: ['--model', MODEL] });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

const log = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const replies = (page: Page): Locator => log(page).locator('[data-role="assistant"]');
const users = (page: Page): Locator => log(page).locator('[data-role="user"]');
const lastReply = (page: Page): Locator => replies(page).last();

async function sendAndWait(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await expect(users(page).last()).toContainText(text);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
}

type Sent = { role: string; content: string };
const chatRequests = () => server!.requests.filter((r) => r.path.endsWith('/chat/completions'));
const lastRequest = (): Sent[] => (chatRequests().at(-1)?.body as { messages: Sent[] }).messages;

async function regenerate(page: Page, expected: string): Promise<void> {
  await lastReply(page).getByRole('button', { name: 'Regenerate reply' }).click();
  await expect(lastReply(page)).toContainText(expected);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
}

test('regenerate twice, switch back to version 1 and go on from it; it survives a reload', async ({
  page,
}) => {
  server = await startTestServer({ flavor: 'ollama', models: [MODEL] });
  let n = 0;
  server.setReply(() => `Answer ${++n} to the question`);
  await openApp(page);
  await sendAndWait(page, 'Name a colour');
  await expect(lastReply(page)).toContainText('Answer 1');
  // One version: no switcher.
  await expect(log(page).getByRole('group', { name: 'Versions' })).toHaveCount(0);

  await regenerate(page, 'Answer 2');
  await regenerate(page, 'Answer 3');
  await expect(replies(page)).toHaveCount(1);
  const switcher = lastReply(page).getByRole('group', { name: 'Versions' });
  await expect(switcher).toContainText('3 / 3');
  await expect(switcher.getByRole('button', { name: 'Next version' })).toBeDisabled();

  // From the keyboard: focus stays on the switcher as the versions change under it.
  await switcher.getByRole('button', { name: 'Previous version' }).focus();
  await page.keyboard.press('Enter');
  await expect(lastReply(page)).toContainText('Answer 2');
  await expect(lastReply(page).getByRole('group', { name: 'Versions' })).toContainText('2 / 3');
  await expect(lastReply(page).getByRole('button', { name: 'Previous version' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(lastReply(page)).toContainText('Answer 1');
  const first = lastReply(page).getByRole('group', { name: 'Versions' });
  await expect(first).toContainText('1 / 3');
  // At the first version Previous is disabled: focus moved to Next, not to the page.
  await expect(first.getByRole('button', { name: 'Previous version' })).toBeDisabled();
  await expect(first.getByRole('button', { name: 'Next version' })).toBeFocused();
  // The position is announced politely.
  await expect(first.locator('[aria-live="polite"]')).toContainText('1 / 3');

  // The conversation goes on from version 1: the request holds its reply, not version 3's.
  await sendAndWait(page, 'And another?');
  await expect(lastReply(page)).toContainText('Answer 4');
  expect(lastRequest().map((m) => m.content)).toEqual([
    'Name a colour',
    'Answer 1 to the question',
    'And another?',
  ]);
  expect(JSON.stringify(lastRequest())).not.toContain('Answer 3');

  await page.reload();
  await expect(replies(page)).toHaveCount(2);
  await expect(replies(page).first()).toContainText('Answer 1');
  await expect(replies(page).first().getByRole('group', { name: 'Versions' })).toContainText('1 / 3');
  await expect(lastReply(page)).toContainText('Answer 4');

  // Version 3 again: the turn after version 1 goes with it, out of view.
  await replies(page).first().getByRole('button', { name: 'Next version' }).click();
  await replies(page).first().getByRole('button', { name: 'Next version' }).click();
  await expect(replies(page)).toHaveCount(1);
  await expect(lastReply(page)).toContainText('Answer 3');
  await expect(log(page)).not.toContainText('And another?');
});

test('a regenerated reply streams as version n/n, with the switcher disabled until it ends', async ({
  page,
}) => {
  server = await startTestServer({ flavor: 'ollama', models: [MODEL] });
  let n = 0;
  server.setReply(() => `Reply ${++n} with a few more words to stream slowly`);
  await openApp(page);
  await sendAndWait(page, 'Hello');
  server.setTokensPerSecond(8);
  await lastReply(page).getByRole('button', { name: 'Regenerate reply' }).click();
  const switcher = lastReply(page).getByRole('group', { name: 'Versions' });
  await expect(lastReply(page)).toHaveAttribute('data-status', 'streaming');
  await expect(switcher).toContainText('2 / 2');
  await expect(switcher.getByRole('button', { name: 'Previous version' })).toBeDisabled();
  await page.getByRole('button', { name: /Stop/ }).click();
  await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
  await expect(switcher.getByRole('button', { name: 'Previous version' })).toBeEnabled();
});

test('edit & resend: the old question and its reply are version 1 of that turn', async ({ page }) => {
  server = await startTestServer({ flavor: 'ollama', models: [MODEL] });
  await openApp(page);
  await sendAndWait(page, 'First question');
  await sendAndWait(page, 'Second question');

  const second = users(page).nth(1);
  await second.getByRole('button', { name: 'Copy message' }).focus();
  await second.getByRole('button', { name: 'Edit message' }).click();
  await second.getByRole('textbox', { name: 'Edit message' }).fill('Second question, edited');
  await second.getByRole('button', { name: 'Save & resend' }).click();
  await expect(lastReply(page)).toContainText('You said: Second question, edited.');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

  const edited = users(page).nth(1);
  const switcher = edited.getByRole('group', { name: 'Versions' });
  await expect(switcher).toContainText('2 / 2');
  await switcher.getByRole('button', { name: 'Previous version' }).click();
  await expect(users(page).nth(1)).toContainText('Second question');
  await expect(log(page)).not.toContainText('Second question, edited');
  await expect(lastReply(page)).toContainText('You said: Second question.');
  await expect(users(page).nth(1).getByRole('group', { name: 'Versions' })).toContainText('1 / 2');

  await page.reload();
  await expect(users(page).nth(1)).toContainText('Second question');
  await expect(users(page).nth(1).getByRole('group', { name: 'Versions' })).toContainText('1 / 2');
});
