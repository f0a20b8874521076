import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { startTestServer, type ReasoningStyle, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Reasoning models in the real renderer (Chromium, browser host, the test server thinking in each
 * server's spelling): the Thinking… block live while the model thinks, folded to "Thought for N s"
 * once the answer starts; Copy copies the answer alone; the history sent back has no reasoning; a
 * window opened mid-thought joins the stream and can stop it; a thought cut off says so; reasoning
 * effort is sent only when chosen. What the test server received is the truth the UI is checked against.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-reasoning-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const ANSWER = 'The answer is **42**.';
/** Numbered words, so a test can tell how far the thought got and that nothing was lost or doubled. */
const numberedThought = (words: number) =>
  Array.from({ length: words }, (_, i) => `r${String(i + 1).padStart(3, '0')}`).join(' ');

async function openApp(page: Page): Promise<void> {
  host = new HostProcess({ data: dataDir, backend: server!.url });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

/** Another window on the same host (the cookie is shared by the context). */
async function openSecond(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(host!.url);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  return page;
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

const log = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const lastReply = (page: Page): Locator => log(page).locator('[data-role="assistant"]').last();
const reasoningOf = (reply: Locator): Locator => reply.getByRole('group', { name: 'Reasoning' });
const thoughtText = (reply: Locator): Locator => reasoningOf(reply).locator('.reasoning-text');

type Sent = { role: string; content: string };
const lastRequest = (): Sent[] =>
  (server!.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as { messages: Sent[] })
    .messages;

/** The numbered words a thought shows, which must run r001, r002, … without a gap or a repeat. */
async function wordsShown(reply: Locator): Promise<number[]> {
  const text = await thoughtText(reply).innerText();
  return [...text.matchAll(/r(\d{3})/g)].map((m) => Number(m[1]));
}
const inOrder = (words: number[]) => words.length > 0 && words.every((n, i) => n === i + 1);

test('the Thinking… block is live while the model thinks, folds to "Thought for N s" when the answer starts, and Copy copies only the answer', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // 40 words of thought at 20 tokens/s: about two seconds of thinking.
  server = await startTestServer({
    flavor: 'ollama',
    tokensPerSecond: 20,
    reply: () => ANSWER,
    reasoning: { style: 'reasoning', text: numberedThought(40) },
  });
  await openApp(page);
  await send(page, 'What is six times seven?');

  const reply = lastReply(page);
  const thinking = reasoningOf(reply).getByRole('button', { name: 'Thinking…' });
  await expect(thinking).toBeVisible();
  await expect(thinking).toHaveAttribute('aria-expanded', 'true');
  await expect(thoughtText(reply)).toContainText('r003');
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  // The answer has not started: the thought streams in the open block, with a running time.
  await expect(reply.locator('.markdown')).toHaveCount(0);
  await expect(reasoningOf(reply).locator('.reasoning-time')).toHaveText(/^\d+ s$/);

  const folded = reasoningOf(reply).getByRole('button', {
    name: /^Thought for (a moment|\d+ s), show reasoning$/,
  });
  await expect(folded).toBeVisible();
  await expect(folded).toHaveAttribute('aria-expanded', 'false');
  await expect(thoughtText(reply)).toHaveCount(0);
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply.locator('.markdown')).toHaveText('The answer is 42.');
  await expect(reply.locator('.markdown')).not.toContainText('r001');

  // Expands on click, with focus kept on the button; the keyboard folds it again.
  await folded.click();
  const shown = reasoningOf(reply).getByRole('button', { name: /, hide reasoning$/ });
  await expect(shown).toHaveAttribute('aria-expanded', 'true');
  await expect(shown).toBeFocused();
  expect(await wordsShown(reply)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  await page.keyboard.press('Enter');
  await expect(folded).toHaveAttribute('aria-expanded', 'false');
  await expect(folded).toBeFocused();

  const copy = reply.getByRole('button', { name: 'Copy message' });
  await copy.click();
  await expect(copy).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ANSWER);
  // The announcement says the answer, not the thought.
  await expect(page.locator('.transcript-frame > [role="status"]')).toHaveText(
    /^Reply finished: The answer is 42\./,
  );
});

for (const style of ['reasoning_content', 'think-tags'] satisfies ReasoningStyle[]) {
  test(`the history sent back has no reasoning (${style})`, async ({ page }) => {
    server = await startTestServer({
      flavor: style === 'reasoning_content' ? 'llamacpp' : 'ollama',
      tokensPerSecond: 400,
      reply: () => ANSWER,
      reasoning: { style, text: 'Secret musing about the sum.' },
    });
    await openApp(page);
    await send(page, 'First question');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    await expect(reasoningOf(lastReply(page)).getByRole('button', { name: /^Thought for/ })).toBeVisible();
    // A tag is never shown as text, nor the thought in the answer.
    await expect(lastReply(page).locator('.markdown')).toHaveText('The answer is 42.');

    await send(page, 'Second question');
    await expect(log(page).locator('[data-role="assistant"]')).toHaveCount(2);
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
    const history = lastRequest();
    expect(history.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(history[1]!.content.trim()).toBe(ANSWER);
    expect(JSON.stringify(history)).not.toMatch(/Secret musing|<think>|<\/think>/);
  });
}

test('a window opened while the model thinks shows the live thought, joined without gaps, and can stop it', async ({
  page,
  context,
}) => {
  server = await startTestServer({
    flavor: 'ollama',
    tokensPerSecond: 15,
    reply: () => ANSWER,
    reasoning: { style: 'reasoning', text: numberedThought(300) },
  });
  await openApp(page);
  await send(page, 'Think long about it');
  await expect(thoughtText(lastReply(page))).toContainText('r008');

  const other = await openSecond(context);
  const mirrored = lastReply(other);
  await expect(reasoningOf(mirrored).getByRole('button', { name: 'Thinking…' })).toBeVisible();
  const atJoin = await wordsShown(mirrored);
  const later = Math.max(...atJoin, 8) + 10;
  await expect(thoughtText(mirrored)).toContainText(`r${String(later).padStart(3, '0')}`);
  await expect(mirrored).toHaveAttribute('data-status', 'streaming');
  expect(inOrder(await wordsShown(mirrored))).toBe(true);

  await other.getByRole('button', { name: 'Stop' }).click();
  await expect(mirrored).toHaveAttribute('data-status', 'cancelled');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'cancelled');
  await expect(mirrored).toContainText('Stopped');
  // What was thought is kept, the same in both windows.
  for (const p of [page, other]) {
    const toggle = reasoningOf(lastReply(p)).getByRole('button');
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  }
  const stopped = await wordsShown(mirrored);
  expect(inOrder(stopped)).toBe(true);
  expect(stopped.length).toBeLessThan(300);
  expect(await wordsShown(lastReply(page))).toEqual(stopped);
});

test('a reply cut off while thinking keeps the thought and says the model stopped while thinking', async ({
  page,
}) => {
  server = await startTestServer({
    flavor: 'ollama',
    tokensPerSecond: 400,
    reply: () => ANSWER,
    reasoning: { style: 'think-tags', text: 'Never finished musing', cutOff: true },
  });
  await openApp(page);
  await send(page, 'Think forever');
  const reply = lastReply(page);
  await expect(reply).toHaveAttribute('data-status', 'incomplete');
  const toggle = reasoningOf(reply).getByRole('button', { name: /^The model stopped while thinking/ });
  await expect(toggle).toBeVisible();
  await expect(reply).toContainText('Incomplete — the reply was cut off');
  await expect(reply.locator('.markdown')).toHaveCount(0);
  await toggle.click();
  await expect(thoughtText(reply)).toHaveText('Never finished musing');
});

const chatRequests = () => server!.requests.filter((r) => r.path.endsWith('/chat/completions'));
const lastBody = () => chatRequests().at(-1)?.body as Record<string, unknown>;

async function sendAndWaitForRequest(page: Page, text: string): Promise<void> {
  const before = chatRequests().length;
  await send(page, text);
  await expect.poll(() => chatRequests().length).toBe(before + 1);
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');
}

test("reasoning effort is sent only when chosen: the profile's, then the conversation's own from the tray window", async ({
  page,
  context,
}) => {
  server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 400, reply: () => ANSWER });
  await openApp(page);
  await sendAndWaitForRequest(page, 'No effort chosen');
  expect(lastBody()).not.toHaveProperty('reasoning_effort');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('list', { name: 'Profiles' }).getByRole('button').first().click();
  const generation = page.getByRole('group', { name: 'Generation' });
  const profileEffort = generation.getByRole('combobox', { name: 'Reasoning effort' });
  await expect(profileEffort).toHaveValue('');
  await profileEffort.selectOption({ label: 'Low' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to chat' }).click();
  await sendAndWaitForRequest(page, 'The profile thinks a little');
  expect(lastBody()['reasoning_effort']).toBe('low');

  const tray = await context.newPage();
  await tray.goto(`${host!.url}&window=tray`);
  const own = tray.getByRole('combobox', { name: 'Reasoning effort' });
  await expect(own).toBeVisible();
  await expect(own.locator('option:checked')).toHaveText('Profile default (Low)');
  await own.focus();
  await own.selectOption({ label: 'High' });
  await expect(own).toHaveValue('high');
  await sendAndWaitForRequest(tray, 'This conversation thinks hard');
  expect(lastBody()['reasoning_effort']).toBe('high');

  await own.selectOption({ label: 'None' });
  await sendAndWaitForRequest(tray, 'And now not at all');
  expect(lastBody()['reasoning_effort']).toBe('none');
});

/** A compare run's results table as records: column header → cell text, one per body row. */
async function readTable(table: Locator): Promise<Record<string, string>[]> {
  return table.evaluate((element) => {
    const el = element as HTMLTableElement;
    const headers = [...(el.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent?.trim() ?? '');
    return [...(el.tBodies[0]?.rows ?? [])].map((row) =>
      Object.fromEntries(
        [...row.cells].map((c, i) => [headers[i] ?? String(i), c.textContent?.trim() ?? '']),
      ),
    );
  });
}

test('compare: the answer that reasoned shows its thought folded, with TTFR and TTFA in its cell and the tables', async ({
  page,
}) => {
  server = await startTestServer({
    flavor: 'ollama',
    tokensPerSecond: 200,
    models: ['thinker'],
    reply: () => ANSWER,
    reasoning: { style: 'reasoning', text: numberedThought(20) },
  });
  const plain = await startTestServer({ flavor: 'ollama', tokensPerSecond: 200, models: ['plain'] });
  try {
    await openApp(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByRole('menuitem', { name: 'Custom', exact: true }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Plain box');
    await page.getByRole('textbox', { name: 'Base URL' }).fill(plain.url);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.getByRole('button', { name: 'Back to chat' }).click();

    await page.getByRole('button', { name: 'Compare backends' }).click();
    const profile1 = page.getByRole('combobox', { name: 'Profile for backend 1' });
    await profile1.selectOption({ index: 0 });
    await expect(page.getByRole('combobox', { name: 'Model for backend 1' })).toHaveValue('thinker');
    await page.getByRole('combobox', { name: 'Profile for backend 2' }).selectOption({ label: 'Plain box' });
    await expect(page.getByRole('combobox', { name: 'Model for backend 2' })).toHaveValue('plain');
    await page.getByRole('radio', { name: 'A list of prompts' }).check();
    await page.getByRole('textbox', { name: 'Prompts, one per line' }).fill('What is six times seven?');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('.run-results')).toHaveAttribute('data-run-status', 'complete', {
      timeout: 30_000,
    });

    const thinker = page.getByRole('article', { name: /thinker: Done/ });
    await expect(thinker.getByRole('button', { name: /^Thought for .*, show reasoning$/ })).toBeVisible();
    await expect(thinker.locator('.markdown')).toHaveText('The answer is 42.');
    await expect(thinker).toContainText('TTFR');
    await expect(
      page.getByRole('article', { name: /plain: Done/ }).getByRole('group', { name: 'Reasoning' }),
    ).toHaveCount(0);

    const rows = await readTable(page.getByRole('table', { name: 'Prompt 1: figures per backend' }));
    const row = (model: string) => rows.find((r) => r['Backend']?.includes(model))!;
    expect(Number(row('thinker')['TTFR (ms)'])).toBeGreaterThan(0);
    expect(Number(row('thinker')['TTFA (ms)'])).toBeGreaterThan(Number(row('thinker')['TTFR (ms)']));
    expect(Number.isNaN(Number(row('plain')['TTFR (ms)']))).toBe(true);
    const overall = await readTable(page.getByRole('table', { name: 'Overall: all prompts' }));
    expect(
      Number(overall.find((r) => r['Backend']?.includes('thinker'))!['TTFA median (ms)']),
    ).toBeGreaterThan(0);
  } finally {
    await plain.close();
  }
});
