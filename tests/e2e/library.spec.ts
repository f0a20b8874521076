import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * The conversation library in real Chromium against the browser host: search, delete with Undo,
 * the trash, rename, pin, export and import (and refused imports), a damaged conversation file, and
 * a long list that stays virtualised and keyboard-navigable.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-library-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function openApp(page: Page): Promise<void> {
  server ??= await startTestServer({ flavor: 'ollama' });
  host = new HostProcess({ data: dataDir, backend: server.url });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

/** Stops the host and starts it again on the same data (a restart), then loads the page. */
async function restart(page: Page): Promise<void> {
  await host?.stop();
  host = undefined;
  await openApp(page);
}

const nav = (page: Page): Locator => page.getByRole('navigation', { name: 'Conversations' });
const rows = (page: Page): Locator => nav(page).getByRole('listitem');
const row = (page: Page, title: string): Locator => rows(page).filter({ hasText: title });
const log = (page: Page): Locator => page.getByRole('log');
const toast = (page: Page): Locator => page.getByRole('status').filter({ hasText: 'trash' });

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await expect(log(page)).toContainText(`You said: ${text}`);
  await expect(log(page).locator('[data-role="assistant"]').last()).toHaveAttribute(
    'data-status',
    'complete',
  );
}

/** A new conversation with these user turns (each answered); its title is the first one. */
async function conversation(page: Page, ...turns: string[]): Promise<void> {
  await page.getByRole('button', { name: 'New chat' }).click();
  for (const turn of turns) await send(page, turn);
  await expect(row(page, turns[0]!)).toHaveCount(1);
}

async function openRow(page: Page, title: string): Promise<void> {
  await row(page, title)
    .getByRole('button', { name: new RegExp(title) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

async function rowAction(page: Page, title: string, action: string): Promise<void> {
  await row(page, title)
    .getByRole('button', { name: `More actions for “${title}”` })
    .click();
  await page.getByRole('menuitem', { name: action }).click();
}

/** The transcript as the user reads it (messages only). */
async function transcriptText(page: Page): Promise<string[]> {
  const messages = log(page).locator('[data-role]');
  await expect(messages.last()).toHaveAttribute('data-status', 'complete');
  return messages.evaluateAll((els) =>
    els.map((el) => (el.querySelector('.message-body, .markdown') ?? el).textContent?.trim() ?? ''),
  );
}

async function listedIds(page: Page): Promise<string[]> {
  return nav(page)
    .locator('.conversation-open[data-conversation-id]')
    .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.conversationId ?? ''));
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const pending = page.waitForEvent('download');
  await click();
  const file = await pending;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** Imports a file through the Library menu's file chooser; answers the result dialog. */
async function importFile(page: Page, name: string, content: string): Promise<Locator> {
  const chooser = page.waitForEvent('filechooser');
  await nav(page).getByRole('button', { name: 'Library' }).click();
  await page.getByRole('menuitem', { name: 'Import conversations…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  const dialog = page.getByRole('dialog').or(page.getByRole('alertdialog'));
  await expect(dialog).toBeVisible();
  return dialog;
}

test('search finds a message by its text and opens the conversation there; titles are found too', async ({
  page,
}) => {
  await openApp(page);
  await conversation(page, 'Groceries for the week', 'Remember the zucchini bread');
  await conversation(page, 'Plan a trip to Lisbon');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan a trip to Lisbon');

  const search = page.getByRole('search').getByRole('searchbox', { name: 'Search conversations' });
  await search.fill('ZUCCHINI');
  const results = nav(page).getByRole('list', { name: /Search results/ });
  await expect(results).toBeVisible();
  // The list gives way to the results while there is a query.
  await expect(nav(page).locator('.conversation')).toHaveCount(0);
  const hit = results.getByRole('button').first();
  await expect(hit).toContainText('Groceries for the week');
  await expect(hit.locator('mark')).toHaveText(/zucchini/i);
  await expect(hit).toContainText('Remember the');
  await hit.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Groceries for the week');
  const message = log(page).locator('[data-role="user"]').filter({ hasText: 'Remember the zucchini bread' });
  await expect(message).toBeInViewport();

  // A title: found and highlighted in the title; Enter in the box opens the first hit.
  await search.fill('lisbon');
  const titleHit = results.getByRole('button').first();
  await expect(titleHit.locator('mark')).toHaveText('Lisbon');
  await expect(titleHit).toContainText('Plan a trip to Lisbon');
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan a trip to Lisbon');

  await search.fill('xylophone');
  await expect(nav(page).getByRole('status').filter({ hasText: 'No conversations' })).toHaveText(
    'No conversations match “xylophone”.',
  );
  await expect(results).toHaveCount(0);

  // Escape clears the search and the list is back.
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(rows(page)).toHaveCount(2);
});

test('delete moves a conversation to the trash at once, and Undo brings it back as it was', async ({
  page,
}) => {
  await openApp(page);
  await conversation(page, 'Keep my notes', 'And this second note');
  const before = await transcriptText(page);
  expect(before).toHaveLength(4);
  await conversation(page, 'Something else');

  await rowAction(page, 'Keep my notes', 'Delete');
  await expect(toast(page)).toContainText('Moved “Keep my notes” to the trash.');
  await expect(row(page, 'Keep my notes')).toHaveCount(0);
  await expect(nav(page).getByRole('button', { name: 'Trash, 1 item' })).toBeVisible();
  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored “Keep my notes”.' })).toBeVisible();
  await expect(row(page, 'Keep my notes')).toHaveCount(1);
  await expect(nav(page).getByRole('button', { name: 'Trash, empty' })).toBeVisible();
  await openRow(page, 'Keep my notes');
  expect(await transcriptText(page)).toEqual(before);

  // From the keyboard: Delete on the focused row, then Ctrl+Z; the open conversation opens again.
  await row(page, 'Keep my notes').locator('.conversation-open').focus();
  await page.keyboard.press('Delete');
  await expect(toast(page)).toContainText('Moved “Keep my notes” to the trash.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Something else');
  // Focus stayed in the list, on the row that took its place.
  await expect(page.locator(':focus')).toHaveAttribute('class', /conversation-open/);
  await page.keyboard.press('Control+z');
  await expect(row(page, 'Keep my notes')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keep my notes');
  expect(await transcriptText(page)).toEqual(before);

  // And it stays restored after a restart.
  await restart(page);
  await expect(row(page, 'Keep my notes')).toHaveCount(1);
  await expect(nav(page).getByRole('button', { name: 'Trash, empty' })).toBeVisible();
});

test('the trash lists what was deleted, restores it, and Empty trash removes it for good', async ({
  page,
}) => {
  await openApp(page);
  await conversation(page, 'First to go');
  await conversation(page, 'Second to go');
  await conversation(page, 'Staying here');
  await rowAction(page, 'First to go', 'Delete');
  await expect(row(page, 'First to go')).toHaveCount(0);
  await rowAction(page, 'Second to go', 'Delete');
  await expect(row(page, 'Second to go')).toHaveCount(0);

  await nav(page).getByRole('button', { name: 'Trash, 2 items' }).click();
  const trash = page.getByRole('dialog', { name: 'Trash' });
  const items = trash.getByRole('list', { name: 'In the trash' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('Second to go');
  await expect(items.first()).toContainText('Conversation · 2 messages · deleted');

  await trash.getByRole('button', { name: 'Restore “First to go”' }).click();
  await expect(items).toHaveCount(1);
  await expect(row(page, 'First to go')).toHaveCount(1);

  await trash.getByRole('button', { name: 'Empty trash' }).click();
  const confirm = page.getByRole('dialog', { name: 'Empty the trash?' });
  await expect(confirm).toContainText('cannot be undone');
  // Cancel first: nothing happens.
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(items).toHaveCount(1);
  await trash.getByRole('button', { name: 'Empty trash' }).click();
  await page
    .getByRole('dialog', { name: 'Empty the trash?' })
    .getByRole('button', { name: 'Empty trash' })
    .click();
  await expect(trash).toContainText('The trash is empty.');
  await trash.getByRole('button', { name: 'Close' }).click();
  await expect(nav(page).getByRole('button', { name: 'Trash, empty' })).toBeVisible();
  expect(readdirSync(join(dataDir, 'trash')).filter((f) => f.endsWith('.json'))).toEqual([]);

  await restart(page);
  await expect(row(page, 'Second to go')).toHaveCount(0);
  await expect(row(page, 'First to go')).toHaveCount(1);
  await expect(nav(page).getByRole('button', { name: 'Trash, empty' })).toBeVisible();
});

test('a rename persists across a reload, and a pinned conversation stays on top', async ({ page }) => {
  await openApp(page);
  await conversation(page, 'Alpha topic');
  await conversation(page, 'Beta topic');
  await conversation(page, 'Gamma topic');
  await expect(rows(page).first()).toContainText('Gamma topic');

  // F2 on the focused row renames in place; an empty title is refused at the field.
  await row(page, 'Alpha topic').locator('.conversation-open').focus();
  await page.keyboard.press('F2');
  const field = nav(page).getByRole('textbox', { name: 'New title for “Alpha topic”' });
  await expect(field).toBeFocused();
  await field.fill('   ');
  await field.press('Enter');
  await expect(nav(page).getByRole('alert')).toHaveText('The title is empty.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.press('Escape');
  await expect(row(page, 'Alpha topic')).toHaveCount(1);
  await expect(row(page, 'Alpha topic').locator('.conversation-open')).toBeFocused();

  await rowAction(page, 'Alpha topic', 'Rename');
  await nav(page)
    .getByRole('textbox', { name: 'New title for “Alpha topic”' })
    .fill('Renamed: my first topic');
  await page.keyboard.press('Enter');
  await expect(row(page, 'Renamed: my first topic')).toHaveCount(1);
  await expect(row(page, 'Renamed: my first topic').locator('.conversation-open')).toBeFocused();

  await rowAction(page, 'Beta topic', 'Pin');
  await expect(rows(page).first()).toContainText('Beta topic');
  await expect(rows(page).first()).toContainText('(pinned)');
  await expect(nav(page).locator('.conversation-section')).toHaveText(['Pinned', 'Recent']);

  await page.reload();
  await expect(rows(page).first()).toContainText('Beta topic');
  await expect(row(page, 'Renamed: my first topic')).toHaveCount(1);
  await expect(row(page, 'Alpha topic')).toHaveCount(0);
  // A new message does not change a chosen title.
  await openRow(page, 'Renamed: my first topic');
  await send(page, 'Another turn');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Renamed: my first topic');
  // Still below the pinned one, although it is the most recent.
  await expect(rows(page).first()).toContainText('Beta topic');

  await rowAction(page, 'Beta topic', 'Unpin');
  await expect(rows(page).first()).toContainText('Renamed: my first topic');
  await expect(nav(page).locator('.conversation-section')).toHaveCount(0);
});

test('export one as JSON, then import it: a second conversation with the same title and messages', async ({
  page,
}) => {
  await openApp(page);
  await conversation(page, 'Export me please', 'With a second turn');
  const original = await transcriptText(page);
  const [originalId] = await listedIds(page);

  const json = await download(page, () => rowAction(page, 'Export me please', 'Export as JSON'));
  expect(json.name).toBe('export-me-please.json');
  const file = JSON.parse(json.text) as { format: string; conversations: { id: string; title: string }[] };
  expect(file.format).toBe('local-llm-desk/conversations');
  expect(file.conversations.map((c) => [c.id, c.title])).toEqual([[originalId, 'Export me please']]);

  const markdown = await download(page, () => rowAction(page, 'Export me please', 'Export as Markdown'));
  expect(markdown.name).toBe('export-me-please.md');
  expect(markdown.text).toContain('# Export me please');
  expect(markdown.text).toContain('You said: With a second turn');

  // The very same conversation is already here: nothing is imported twice.
  let dialog = await importFile(page, json.name, json.text);
  await expect(dialog).toContainText(
    'Nothing was imported: the conversation in the file is already here, unchanged.',
  );
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(rows(page)).toHaveCount(1);

  // Once the original has moved on, the file is imported beside it, under a new id.
  await send(page, 'Moving on');
  dialog = await importFile(page, json.name, json.text);
  await expect(dialog).toContainText('Import finished');
  await expect(dialog).toContainText('Imported 1 conversation (1 got a new id because its id was in use).');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(row(page, 'Export me please')).toHaveCount(2);
  const ids = await listedIds(page);
  const copyId = ids.find((id) => id !== originalId);
  expect(copyId).toBeDefined();
  await nav(page).locator(`.conversation-open[data-conversation-id="${copyId}"]`).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Export me please');
  expect(await transcriptText(page)).toEqual(original);

  // Export all: one file with both.
  const all = await download(page, async () => {
    await nav(page).getByRole('button', { name: 'Library' }).click();
    await page.getByRole('menuitem', { name: 'Export all as JSON' }).click();
  });
  expect(all.name).toMatch(/^local-llm-desk-conversations-\d{4}-\d{2}-\d{2}\.json$/);
  expect((JSON.parse(all.text) as { conversations: unknown[] }).conversations).toHaveLength(2);
});

test('an import that is not ours, truncated or newer is refused with the reason, and nothing changes', async ({
  page,
}) => {
  await openApp(page);
  await conversation(page, 'Already here');
  const json = await download(page, () => rowAction(page, 'Already here', 'Export as JSON'));
  const before = await listedIds(page);
  const files = () => readdirSync(join(dataDir, 'conversations')).sort();
  const filesBefore = files();
  const newer = JSON.stringify({ ...(JSON.parse(json.text) as object), version: 99 });

  const cases: [string, string, RegExp][] = [
    ['notes.json', 'Just some notes, not JSON at all.', /not JSON/],
    ['cut.json', json.text.slice(0, Math.floor(json.text.length / 2)), /truncated/],
    [
      'other-app.json',
      JSON.stringify({ chats: [{ title: 'x' }] }),
      /not a Local LLM Desk conversations export/,
    ],
    ['from-the-future.json', newer, /newer version of the app \(export version 99/],
  ];
  for (const [name, content, reason] of cases) {
    const dialog = await importFile(page, name, content);
    await expect(dialog).toContainText('Nothing was imported');
    await expect(dialog).toContainText(name);
    await expect(dialog.locator('.import-reason')).toHaveText(reason);
    await expect(dialog.locator('.import-fix')).toContainText('Nothing was imported.');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toHaveCount(0);
    expect(await listedIds(page)).toEqual(before);
    expect(files()).toEqual(filesBefore);
  }
});

test('a damaged conversation file is moved aside and reported with its path; the others still open', async ({
  page,
}) => {
  await openApp(page);
  await conversation(page, 'Broken one');
  await conversation(page, 'Healthy one', 'Still fine');
  const brokenId = await row(page, 'Broken one')
    .locator('.conversation-open')
    .evaluate((el) => (el as HTMLElement).dataset.conversationId ?? '');
  const healthy = await transcriptText(page);

  await host?.stop();
  const brokenFile = join(dataDir, 'conversations', `${brokenId}.json`);
  writeFileSync(brokenFile, '{"schemaVersion": 2, "id": "garbage", "messa');
  await openApp(page);
  // Startup reads only the index; the damage shows the moment the file is read.
  await row(page, 'Broken one').locator('.conversation-open').click();
  const banner = page.getByRole('alert').filter({ hasText: 'A conversation file could not be read' });
  await expect(banner).toContainText('not valid JSON');
  await expect(banner).toContainText(brokenFile);
  await expect(banner).toContainText(`${brokenId}.corrupt-`);
  await expect(banner).toContainText('other conversations are unaffected');
  await expect(row(page, 'Broken one')).toHaveCount(0);
  expect(readdirSync(join(dataDir, 'conversations')).some((f) => f.startsWith(`${brokenId}.corrupt-`))).toBe(
    true,
  );

  // The app moves on to a conversation that can be read, rather than offering a retry that cannot help.
  await expect.poll(() => transcriptText(page)).toEqual(healthy);
  await openRow(page, 'Healthy one');
  expect(await transcriptText(page)).toEqual(healthy);
});

/** Conversation files as the store writes them (schema version 2), for a data folder made before start. */
function writeConversations(count: number): void {
  const folder = join(dataDir, 'conversations');
  mkdirSync(folder, { recursive: true });
  const base = Date.UTC(2026, 0, 1);
  for (let i = 1; i <= count; i++) {
    const id = `conv-${String(i).padStart(4, '0')}`;
    const at = base + i * 60_000;
    const file = {
      schemaVersion: 2,
      id,
      createdAt: at,
      messages: [
        { id: `${id}-u`, role: 'user', content: `Topic number ${i}`, createdAt: at, status: 'complete' },
        {
          id: `${id}-a`,
          role: 'assistant',
          content: `An answer about topic ${i}, with the word marmalade${i}.`,
          createdAt: at + 1000,
          status: 'complete',
          model: 'llama3.2:1b',
        },
      ],
    };
    writeFileSync(join(folder, `${id}.json`), JSON.stringify(file));
  }
}

test('with 300 conversations only a window of the list is in the page, and the keyboard reaches the last', async ({
  page,
}) => {
  writeConversations(300);
  await openApp(page);
  const items = rows(page);
  await expect(items.first()).toContainText('Topic number 300');
  await expect(items.first()).toHaveAttribute('aria-setsize', '300');
  await expect(items.first()).toHaveAttribute('aria-posinset', '1');
  const inPage = await items.count();
  expect(inPage).toBeGreaterThan(3);
  expect(inPage).toBeLessThan(60);

  const first = items.first().locator('.conversation-open');
  await first.focus();
  await page.keyboard.press('End');
  const focusedRow = page.locator('.conversation:has(.conversation-open:focus)');
  await expect(focusedRow).toHaveAttribute('aria-posinset', '300');
  await expect(focusedRow).toContainText('Topic number 1');
  await expect(focusedRow).toBeInViewport();
  expect(await items.count()).toBeLessThan(60);
  await page.keyboard.press('ArrowUp');
  await expect(focusedRow).toHaveAttribute('aria-posinset', '299');
  await expect(focusedRow).toContainText('Topic number 2');
  await page.keyboard.press('Home');
  await expect(focusedRow).toHaveAttribute('aria-posinset', '1');
  for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowDown');
  await expect(focusedRow).toHaveAttribute('aria-posinset', '26');
  await expect(focusedRow).toBeInViewport();
  // Enter opens it; the list is a single tab stop.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Topic number 275');
  await expect(nav(page).locator('.conversation-open[tabindex="0"]')).toHaveCount(1);

  // Search reaches every one of them.
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('marmalade123');
  const hit = nav(page)
    .getByRole('list', { name: /Search results/ })
    .getByRole('button');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('Topic number 123');
  await hit.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Topic number 123');
});
