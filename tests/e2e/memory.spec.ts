import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { TrashItem } from '../../shared/domain/library';
import { seedDataDir, seedQuestion, seedThread, type SeedConversation } from '../support/long-conversation';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Conversation memory in the real renderer (Chromium, browser host, test server like Ollama): what
 * the last request left out and how full the context is, the system prompt and its presets, edit and
 * resend, regenerate, copy, and a long thread that stays light because the transcript is virtualised.
 * What the test server received is the truth the UI is checked against.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

const TASKMASTER =
  'You are TaskMaster, a helpful task management assistant. You keep a real task list with your ' +
  'tools: create, list, update, complete and delete tasks by calling them. Never say a task was ' +
  'created, changed or deleted without calling the tool, and report what the tool answered. ' +
  'Due dates are days written YYYY-MM-DD.';
const MODEL = 'llama3.2:1b';

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-memory-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** An Ollama profile for the test server, so the app asks it for the model's context (`num_ctx`). */
function seed(conversations: SeedConversation[]): void {
  seedDataDir(dataDir, conversations, {
    profiles: [
      {
        id: 'test-ollama',
        name: 'Test Ollama',
        kind: 'ollama',
        baseUrl: server!.url,
        defaultModel: MODEL,
        params: {},
      },
    ],
    defaultProfileId: 'test-ollama',
  });
}

async function openApp(page: Page): Promise<void> {
  host = new HostProcess({ data: dataDir, backend: server!.url, extra: ['--model', MODEL] });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

const log = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const lastReply = (page: Page): Locator => log(page).locator('[data-role="assistant"]').last();
const replies = (page: Page): Locator => log(page).locator('[data-role="assistant"]');

async function sendAndWait(page: Page, text: string): Promise<void> {
  const before = server!.requests.length;
  await send(page, text);
  await expect
    .poll(() => server!.requests.slice(before).some((r) => r.path.endsWith('/chat/completions')))
    .toBe(true);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
}

type Sent = { role: string; content: string };
const lastRequest = (): Sent[] =>
  (server!.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as { messages: Sent[] })
    .messages;

/** Calls a route from the page, over the browser host's socket, as the renderer's bridge does. */
async function invokeFromPage<T>(page: Page, route: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(
    ([name, body]) =>
      new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/ws`);
        socket.onopen = () =>
          socket.send(JSON.stringify({ kind: 'invoke', id: 1, route: name, input: body }));
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { kind: string; id?: number; result?: never };
          if (message.kind !== 'result' || message.id !== 1) return;
          socket.close();
          resolve(message.result as never);
        };
        socket.onerror = () => reject(new Error('socket failed'));
      }),
    [route, input] as const,
  );
  if (!result.ok) throw new Error(`${route} failed: ${result.error?.message}`);
  return result.value as T;
}

test('a long conversation is trimmed, and the UI says which turns were left out — exactly what the server got', async ({
  page,
}) => {
  server = await startTestServer({ flavor: 'ollama', models: [MODEL], numCtx: 1024 });
  // 24 turns of ~55 tokens after the system prompt: far more than the 768 tokens left for the history.
  seed([
    {
      id: 'long',
      title: 'Launch planning',
      messages: seedThread('long', 48, { system: { content: TASKMASTER, presetId: 'builtin-taskmaster' } }),
    },
  ]);
  await openApp(page);
  await expect(log(page)).toContainText('Answer 24: noted.');

  // Before sending: the meter previews the next request against the model's num_ctx.
  const meter = page.getByRole('meter', { name: 'Context used' });
  await expect(meter).toHaveAttribute('aria-valuemax', '1024');
  await expect(meter).toHaveAttribute('aria-valuetext', /^[\d,]+ \/ 1,024 tokens \(\d+%\)/);
  await expect(meter).toHaveAttribute('title', /num_ctx 1,024/);
  await expect(page.getByText(/earlier messages won’t fit and will be left out/)).toBeVisible();

  await sendAndWait(page, 'What is next on the list?');
  const request = lastRequest();
  expect(request[0]).toEqual({ role: 'system', content: TASKMASTER });
  expect(request.at(-1)).toEqual({ role: 'user', content: 'What is next on the list?' });

  // The divider stands above the oldest message sent; "Show what was left out" brings it into view.
  await page.getByRole('button', { name: 'Show what was left out' }).click();
  const divider = log(page).getByRole('note');
  await expect(divider).toBeVisible();
  const said = (await divider.innerText()).trim();
  const match =
    /^(\d+) earlier messages were not sent with the last request — they did not fit the model's context of 1,024 tokens\.$/.exec(
      said,
    );
  expect(match, said).not.toBeNull();
  const omitted = Number(match![1]);
  // Everything else was sent: the 48 seeded messages and the new one, less those left out, after the system prompt.
  expect(omitted).toBeGreaterThan(0);
  expect(request).toHaveLength(1 + 48 + 1 - omitted);

  // The message under the divider is the first one the server got after the system prompt…
  const firstKept = log(page)
    .locator('.transcript-row', { has: page.getByRole('note') })
    .locator('article');
  await expect(firstKept).not.toHaveAttribute('data-omitted', /.*/);
  const firstKeptId = await firstKept.getAttribute('data-message-id');
  const firstKeptIndex = Number(firstKeptId!.replace('long-m', ''));
  expect(firstKeptIndex).toBe(omitted);
  expect(request[1]!.content).toBe(seedQuestion(omitted / 2 + 1));
  // …and the one above it was not sent: marked, muted, and absent from the request.
  const above = log(page).locator(`[data-message-id="long-m${omitted - 1}"]`);
  await expect(above).toHaveAttribute('data-omitted', 'true');
  await expect(above).toContainText('Not sent with the last request.');
  expect(request.some((m) => m.content.startsWith(`Answer ${omitted / 2}: `))).toBe(false);

  // After the reply the meter shows the request as the server counted it, then the next preview.
  await expect(meter).toHaveAttribute('aria-valuetext', /\/ 1,024 tokens/);
  await expect(page.getByText(/earlier messages? (won’t fit|left out)/).first()).toBeVisible();
});

test('the system prompt: TaskMaster from the presets, edited, saved as a preset, renamed and deleted', async ({
  page,
}) => {
  server = await startTestServer({ flavor: 'ollama', models: [MODEL] });
  await openApp(page);
  const bar = page.getByRole('region', { name: 'System prompt' });
  const toggle = bar.getByRole('button', { name: /System prompt/ });
  await expect(toggle).toContainText('No system prompt (Plain assistant)');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  await bar.getByLabel('Preset', { exact: true }).selectOption({ label: 'TaskMaster' });
  // The bar shows the start of a long prompt.
  await expect(toggle).toContainText(`TaskMaster — ${TASKMASTER.slice(0, 60)}`);
  await expect(bar.getByRole('textbox', { name: 'System prompt' })).toHaveValue(TASKMASTER);
  await sendAndWait(page, 'Plan my day');
  expect(lastRequest()).toEqual([
    { role: 'system', content: TASKMASTER },
    { role: 'user', content: 'Plan my day' },
  ]);
  // Not shown in the conversation itself.
  await expect(log(page)).not.toContainText(TASKMASTER);

  // While a reply streams the prompt cannot change, and the bar says why.
  server.setTokensPerSecond(15);
  await send(page, 'Take your time');
  await expect(bar.getByText(/A reply is streaming/)).toBeVisible();
  await expect(bar.getByLabel('Preset', { exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
  server.setTokensPerSecond(0);
  await expect(bar.getByText(/A reply is streaming/)).toHaveCount(0);

  const edited = 'You are TaskMaster. Answer in one short sentence.';
  const text = bar.getByRole('textbox', { name: 'System prompt' });
  await text.fill(edited);
  await bar.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(toggle).toContainText(`Custom — ${edited}`);
  await sendAndWait(page, 'And tomorrow?');
  expect(lastRequest()[0]).toEqual({ role: 'system', content: edited });

  // Save as preset: the name's error shows at the field.
  await bar.getByRole('button', { name: 'Save as preset…' }).click();
  const form = bar.getByRole('form', { name: 'Save as preset' });
  await form.getByRole('button', { name: 'Save preset' }).click();
  const name = form.getByRole('textbox', { name: 'Preset name' });
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('Give the preset a name.');
  await name.fill('taskmaster');
  await form.getByRole('button', { name: 'Save preset' }).click();
  await expect(name).toHaveAccessibleDescription(/already exists/);
  await name.fill('Brief TaskMaster');
  await form.getByRole('button', { name: 'Save preset' }).click();
  await expect(form).toHaveCount(0);
  await expect(toggle).toContainText(`Brief TaskMaster — ${edited}`);
  await expect(bar.getByLabel('Preset', { exact: true })).toHaveValue(/^preset-/);

  // Manage: built-ins are read-only; a saved one is renamed, then deleted.
  await bar.getByRole('button', { name: 'Manage presets' }).click();
  const manager = bar.getByRole('region', { name: 'Manage presets' });
  await expect(manager.getByRole('button', { name: 'Rename TaskMaster' })).toHaveCount(0);
  await manager.getByRole('button', { name: 'Rename Brief TaskMaster' }).click();
  await manager.getByRole('textbox', { name: 'New name for Brief TaskMaster' }).fill('Short TaskMaster');
  await manager.getByRole('button', { name: 'Save name' }).click();
  await expect(toggle).toContainText('Short TaskMaster — ');
  await manager.getByRole('button', { name: 'Delete Short TaskMaster' }).click();
  await manager.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(manager.getByRole('listitem').filter({ hasText: 'Short TaskMaster' })).toHaveCount(0);
  await expect(manager.getByRole('status')).toHaveText('Deleted “Short TaskMaster”.');
  await expect(toggle).toContainText(`Custom — ${edited}`);

  // Plain assistant removes the prompt.
  await bar.getByLabel('Preset', { exact: true }).selectOption({ label: 'Plain assistant' });
  await expect(toggle).toContainText('No system prompt (Plain assistant)');
  await sendAndWait(page, 'Just chat');
  expect(lastRequest()[0]!.role).toBe('user');
});

test('edit an earlier message and resend: later turns are replaced, the earlier version is kept as version 1', async ({
  page,
}) => {
  server = await startTestServer({ flavor: 'ollama', models: [MODEL] });
  await openApp(page);
  await sendAndWait(page, 'First question');
  await sendAndWait(page, 'Second question');
  await sendAndWait(page, 'Third question');
  const users = log(page).locator('[data-role="user"]');
  await expect(users).toHaveCount(3);

  // The actions are reached from the keyboard: focus inside the message shows them.
  const second = users.nth(1);
  await second.getByRole('button', { name: 'Copy message' }).focus();
  await expect(second.getByRole('button', { name: 'Edit message' })).toBeVisible();
  await second.getByRole('button', { name: 'Edit message' }).press('Enter');
  const editor = second.getByRole('textbox', { name: 'Edit message' });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('Second question');
  await expect(second).toContainText('This message and the 3 messages after it stay as an earlier version');

  // Escape cancels and gives focus back to Edit.
  await editor.press('Escape');
  await expect(second.getByRole('button', { name: 'Edit message' })).toBeFocused();

  await second.getByRole('button', { name: 'Edit message' }).click();
  await second.getByRole('textbox', { name: 'Edit message' }).fill('Second question, edited');
  await second.getByRole('button', { name: 'Save & resend' }).click();
  await expect(lastReply(page)).toContainText('You said: Second question, edited.');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(users).toHaveCount(2);
  await expect(log(page)).not.toContainText('Third question');
  expect(lastRequest().map((m) => m.content.slice(0, 25))).toEqual([
    'First question',
    'You said: First question.',
    'Second question, edited',
  ]);

  // Nothing goes to the trash: the replaced turns are version 1 of the edited turn (reply-versions.spec).
  expect(await invokeFromPage<TrashItem[]>(page, 'trash.list')).toEqual([]);
  await expect(users.nth(1).getByText('2 / 2')).toBeVisible();

  await page.reload();
  await expect(log(page).locator('[data-role="user"]')).toHaveCount(2);
  await expect(log(page)).toContainText('Second question, edited');
  await expect(log(page)).not.toContainText('Third question');
});

test('Regenerate replaces the last reply, and Copy puts the raw markdown on the clipboard', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  server = await startTestServer({ flavor: 'ollama', models: [MODEL] });
  let n = 0;
  server.setReply(() => `Answer ${++n}: **bold** and \`code\`\n\n- one\n- two`);
  await openApp(page);
  await sendAndWait(page, 'Say something');
  await expect(lastReply(page)).toContainText('Answer 1: bold and code');
  // Only the last reply offers Regenerate.
  await expect(log(page).getByRole('button', { name: 'Regenerate reply' })).toHaveCount(1);

  await lastReply(page).getByRole('button', { name: 'Regenerate reply' }).click();
  await expect(lastReply(page)).toContainText('Answer 2: bold and code');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
  await expect(replies(page)).toHaveCount(1);
  expect(lastRequest()).toEqual([{ role: 'user', content: 'Say something' }]);

  const copy = lastReply(page).getByRole('button', { name: 'Copy message' });
  await copy.click();
  await expect(copy).toHaveText('Copied');
  await expect(lastReply(page).getByRole('status')).toHaveText('Message copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'Answer 2: **bold** and `code`\n\n- one\n- two',
  );
  // A finished reply was announced once, politely, apart from the transcript (which is not live).
  await expect(log(page)).toHaveAttribute('aria-live', 'off');
  await expect(page.locator('.transcript-frame > [role="status"]')).toHaveText(
    /^Reply finished: Answer 2: bold and code/,
  );
});

test('a 1,000-message thread opens with far fewer rows in the page, and End reaches the last message', async ({
  page,
}) => {
  server = await startTestServer({ flavor: 'ollama', models: [MODEL] });
  seed([{ id: 'big', title: 'A very long thread', messages: seedThread('big', 1000, { codeEvery: 3 }) }]);
  await openApp(page);
  const lastMessage = log(page).locator('[data-message-id="big-m999"]');
  await expect(lastMessage).toBeInViewport();
  await expect(lastMessage).toContainText('Answer 500');
  const rows = await log(page).locator('article[data-role]').count();
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(60);
  await expect(lastMessage).toHaveAttribute('aria-setsize', '1000');
  await expect(lastMessage).toHaveAttribute('aria-posinset', '1000');
  // Code blocks render (highlighted) in the rows that are there.
  await expect(log(page).locator('pre code').first()).toBeVisible();

  // Home and End from the keyboard walk the whole thread.
  await log(page).focus();
  await page.keyboard.press('Home');
  await expect(log(page).locator('[data-message-id="big-m0"]')).toBeInViewport();
  await expect(lastMessage).toHaveCount(0);
  expect(await log(page).locator('article[data-role]').count()).toBeLessThan(60);
  await page.keyboard.press('End');
  await expect(lastMessage).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Jump to latest' })).toHaveCount(0);

  // A search hit opens the thread at its message: scrolled into view, focused, highlighted briefly.
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('Answer 137: noted');
  await page.locator('.search-hit[data-message-id="big-m273"]').click();
  const hit = log(page).locator('[data-message-id="big-m273"]');
  await expect(hit).toBeInViewport();
  await expect(hit).toBeFocused();
  await expect(hit).toHaveAttribute('data-highlight', 'true');
  await expect(hit).not.toHaveAttribute('data-highlight', /.*/, { timeout: 5000 });
  await expect(hit).toBeInViewport();
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('');

  // Sending follows the new reply at the bottom.
  await sendAndWait(page, 'One more');
  await expect(lastReply(page)).toBeInViewport();
  await expect(lastReply(page)).toHaveAttribute('aria-posinset', '1002');
});
