import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/openai-test-server';
import { freePort, HostProcess } from './host-process';

/**
 * Comparing backends end to end: the real renderer in Chromium, the browser host's router and
 * compare service, and two OpenAI-compatible test servers on 127.0.0.1 that answer at very
 * different speeds. The table must name the faster one as faster, and the exports must carry the
 * very numbers the table shows. Also: failures stay in their own cells, an empty prompt set cannot
 * run, Stop keeps what finished, saved runs reopen after a reload, a chat prompt can be compared,
 * and a chat reply's details show its timings and usage.
 */
let servers: TestServer[] = [];
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-compare-'));
});
test.afterEach(async () => {
  await host?.stop();
  await Promise.all(servers.map((s) => s.close()));
  host = undefined;
  servers = [];
  rmSync(dataDir, { recursive: true, force: true });
});

/** Twelve words: a short answer, one SSE event per word. */
const SHORT_REPLY = 'One two three four five six seven eight nine ten eleven twelve.';

async function server(options: TestServerOptions): Promise<TestServer> {
  const started = await startTestServer({ flavor: 'ollama', reply: () => SHORT_REPLY, ...options });
  servers.push(started);
  return started;
}

async function openApp(page: Page, backend: string): Promise<void> {
  host = new HostProcess({ data: dataDir, backend });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

/** Adds a Custom profile through the settings view, as a user would, and goes back to the chat. */
async function addProfiles(page: Page, profiles: { name: string; baseUrl: string }[]): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  for (const { name, baseUrl } of profiles) {
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByRole('menuitem', { name: 'Custom', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'New profile' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'Base URL' }).fill(baseUrl);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Back to chat' }).click();
}

async function openCompare(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Compare backends' }).click();
  await expect(page.getByRole('heading', { name: 'Compare backends', level: 1 })).toBeVisible();
}

/** Sets backend N (1-based) to a profile, and waits for its model (typed, or the first its backend lists). */
async function choosePair(
  page: Page,
  n: number,
  profile: string,
  model: string,
  typed = false,
): Promise<void> {
  await page.getByRole('combobox', { name: `Profile for backend ${n}` }).selectOption({ label: profile });
  const modelField = page.getByRole('combobox', { name: `Model for backend ${n}` });
  // The backend's first model may be filled in while we type (the field was empty): type again then.
  await expect(async () => {
    if (typed) await modelField.fill(model);
    await expect(modelField).toHaveValue(model, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

async function typePrompts(page: Page, prompts: string[]): Promise<void> {
  await page.getByRole('radio', { name: 'A list of prompts' }).check();
  await page.getByRole('textbox', { name: 'Prompts, one per line' }).fill(prompts.join('\n'));
}

const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const runResults = (page: Page) => page.locator('.run-results');

/** A results table as records: column header → cell text, one per body row. */
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

async function readTableRows(table: Locator): Promise<string[][]> {
  return table.evaluate((element) =>
    [...((element as HTMLTableElement).tBodies[0]?.rows ?? [])].map((row) =>
      [...row.cells].map((c) => c.textContent?.trim() ?? ''),
    ),
  );
}

const overallTable = (page: Page) => page.getByRole('table', { name: 'Overall: all prompts' });
const promptTable = (page: Page, n: number) =>
  page.getByRole('table', { name: `Prompt ${n}: figures per backend` });

function rowFor(rows: Record<string, string>[], model: string): Record<string, string> {
  const row = rows.find((r) => r['Backend']?.includes(model));
  if (!row) throw new Error(`no row for ${model} in ${JSON.stringify(rows)}`);
  return row;
}

/** RFC 4180 with quotes, enough for the export. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      endField();
    } else if (!quoted && ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (quoted || ch !== '\r') {
      field += ch;
    }
  }
  if (field || row.length > 0) {
    endField();
    rows.push(row);
  }
  const [header = [], ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await pending;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('the faster backend shows as faster, the exports carry the table’s numbers, and the run reopens', async ({
  page,
}) => {
  const fast = await server({ tokensPerSecond: 400, models: ['fast-model'] });
  const slow = await server({ tokensPerSecond: 40, models: ['slow-model'] });
  await openApp(page, fast.url);
  await addProfiles(page, [
    { name: 'Fast box', baseUrl: fast.url },
    { name: 'Slow box', baseUrl: slow.url },
  ]);

  await openCompare(page);
  await choosePair(page, 1, 'Fast box', 'fast-model');
  await choosePair(page, 2, 'Slow box', 'slow-model');
  await typePrompts(page, ['Plan my week', 'Sort my inbox']);
  await expect(page.getByRole('radio', { name: 'Run one after another' })).toBeChecked();
  await runButton(page).click();

  await expect(runResults(page)).toHaveAttribute('data-run-status', 'complete', { timeout: 30_000 });
  await expect(page.getByRole('article', { name: /fast-model: Done/ })).toHaveCount(2);
  await expect(page.getByRole('article', { name: /slow-model: Done/ })).toHaveCount(2);
  await expect(page.getByRole('article', { name: /slow-model: Done/ }).first()).toContainText(
    'eleven twelve',
  );
  // One after another: the servers never answered at the same time.
  const spans = [...fast.timings, ...slow.timings]
    .map((t) => [t.requestAt, t.lastTokenAt ?? t.requestAt] as const)
    .sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);

  const overall = await readTable(overallTable(page));
  const fastRow = rowFor(overall, 'fast-model');
  const slowRow = rowFor(overall, 'slow-model');
  expect(fastRow['OK']).toBe('2');
  expect(slowRow['OK']).toBe('2');
  expect(Number(fastRow['Tokens/s median'])).toBeGreaterThan(Number(slowRow['Tokens/s median']));
  expect(Number(fastRow['Total median (ms)'])).toBeLessThan(Number(slowRow['Total median (ms)']));
  expect(Number(slowRow['Tokens/s median'])).toBeGreaterThan(10);
  const differences = await readTable(page.getByRole('table', { name: /^Differences against/ }));
  expect(Number(rowFor(differences, 'slow-model')['Δ tokens/s median'])).toBeLessThan(0);

  const perPrompt = [await readTable(promptTable(page, 1)), await readTable(promptTable(page, 2))];
  for (const rows of perPrompt)
    expect(Number(rowFor(rows, 'fast-model')['Tokens/s'])).toBeGreaterThan(
      Number(rowFor(rows, 'slow-model')['Tokens/s']),
    );

  // CSV: one row per prompt × backend, with the table's figures character for character.
  const csv = await download(page, 'Export CSV');
  expect(csv.name).toMatch(/^compare-.*\.csv$/);
  const records = parseCsv(csv.text);
  expect(records).toHaveLength(4);
  for (const record of records) {
    const row = rowFor(perPrompt[Number(record['prompt_index']) - 1]!, record['model']!);
    expect(record['ttft_ms']).toBe(row['TTFT (ms)']);
    expect(record['total_ms']).toBe(row['Total (ms)']);
    expect(record['tokens_per_second']).toBe(row['Tokens/s']);
    expect(record['completion_tokens']).toBe(row['Completion tokens']!.replace(/^~/, ''));
    expect(record['finish_reason']).toBe(row['Finish reason']);
  }

  // Markdown: the same rows, per prompt and overall.
  const md = await download(page, 'Export Markdown');
  expect(md.name).toMatch(/^compare-.*\.md$/);
  const lines = md.text.split('\n');
  for (const table of [promptTable(page, 1), promptTable(page, 2), overallTable(page)])
    for (const cells of await readTableRows(table)) expect(lines).toContain(`| ${cells.join(' | ')} |`);

  // Saved: after a reload the run is in the list and reopens with the same tables.
  const before = [await readTableRows(overallTable(page)), await readTableRows(promptTable(page, 1))];
  await page.reload();
  await openCompare(page);
  const saved = page
    .getByRole('list', { name: 'Saved runs' })
    // The run's short default name says "2 prompts"; its Delete button carries the name too.
    .getByRole('button', { name: /^(?!Delete run).*(Plan my week|prompts)/ });
  await expect(saved).toHaveCount(1);
  await saved.click();
  await expect(runResults(page)).toHaveAttribute('data-run-status', 'complete');
  expect([await readTableRows(overallTable(page)), await readTableRows(promptTable(page, 1))]).toEqual(
    before,
  );
});

test('a backend that is down or a model that is missing fails in its own cells; the others finish', async ({
  page,
}) => {
  const fast = await server({ tokensPerSecond: 400, models: ['fast-model'] });
  const slow = await server({ tokensPerSecond: 100, models: ['slow-model'] });
  const nobody = await freePort();
  await openApp(page, fast.url);
  await addProfiles(page, [
    { name: 'Fast box', baseUrl: fast.url },
    { name: 'Slow box', baseUrl: slow.url },
    { name: 'Down box', baseUrl: `http://127.0.0.1:${nobody}/v1` },
  ]);

  await openCompare(page);
  await choosePair(page, 1, 'Fast box', 'fast-model');
  await choosePair(page, 2, 'Slow box', 'slow-model');
  await page.getByRole('button', { name: 'Add backend' }).click();
  await choosePair(page, 3, 'Down box', 'ghost-model', true);
  await page.getByRole('button', { name: 'Add backend' }).click();
  await choosePair(page, 4, 'Slow box', 'no-such-model', true);
  await typePrompts(page, ['First question', 'Second question']);
  await runButton(page).click();

  await expect(runResults(page)).toHaveAttribute('data-run-status', 'complete', { timeout: 30_000 });
  await expect(page.getByRole('article', { name: /fast-model: Done/ })).toHaveCount(2);
  await expect(page.getByRole('article', { name: /slow-model: Done/ })).toHaveCount(2);
  const down = page.getByRole('article', { name: /ghost-model: Failed/ });
  await expect(down).toHaveCount(2);
  await expect(down.first().getByRole('alert')).toContainText('refused the connection');
  const missing = page.getByRole('article', { name: /no-such-model: Failed/ });
  await expect(missing).toHaveCount(2);
  await expect(missing.first().getByRole('alert')).toContainText('no-such-model');

  const overall = await readTable(overallTable(page));
  expect(rowFor(overall, 'ghost-model')).toMatchObject({ OK: '0', Failed: '2', 'Tokens/s median': '—' });
  expect(rowFor(overall, 'no-such-model')).toMatchObject({ OK: '0', Failed: '2' });
  expect(rowFor(overall, 'fast-model')).toMatchObject({ OK: '2', Failed: '0' });
  const firstPrompt = await readTable(promptTable(page, 1));
  expect(rowFor(firstPrompt, 'ghost-model')['Status']).toBe('failed');
  expect(rowFor(firstPrompt, 'ghost-model')['Error']).toMatch(/refused the connection/);
});

test('Run says why it cannot run: fewer than two backends, no prompts', async ({ page }) => {
  const fast = await server({ models: ['fast-model'] });
  await openApp(page, fast.url);
  await addProfiles(page, [{ name: 'Fast box', baseUrl: fast.url }]);
  await openCompare(page);
  await choosePair(page, 1, 'Fast box', 'fast-model');
  await choosePair(page, 2, 'Fast box', 'fast-model');

  await page.getByRole('radio', { name: 'One prompt' }).check();
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('   ');
  await expect(runButton(page)).toBeDisabled();
  await expect(runButton(page)).toHaveAccessibleDescription('Add at least one prompt to run.');

  await typePrompts(page, ['', '   ', '']);
  await expect(runButton(page)).toBeDisabled();
  await expect(runButton(page)).toHaveAccessibleDescription('Add at least one prompt to run.');

  await typePrompts(page, ['A real prompt']);
  await expect(runButton(page)).toBeEnabled();
  await page.getByRole('button', { name: 'Remove backend 2' }).click();
  await expect(runButton(page)).toBeDisabled();
  await expect(runButton(page)).toHaveAccessibleDescription('Choose at least two backends to compare.');
  await page.getByRole('button', { name: 'Add backend' }).click();
  await expect(runButton(page)).toBeEnabled();

  // The built-in set is there, with its five prompts; saving a typed list makes a set of its own.
  await page.getByRole('radio', { name: 'A list of prompts' }).check();
  await page.getByRole('textbox', { name: 'Save this list as a set' }).fill('My one prompt');
  await page.getByRole('button', { name: 'Save set' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “My one prompt”' })).toBeVisible();
  await page.getByRole('radio', { name: 'A saved set' }).check();
  const sets = page.getByRole('combobox', { name: 'Prompt set' });
  await sets.selectOption({ label: 'Task management (5 prompts) — built in' });
  await expect(
    page.getByRole('list', { name: /Prompts in Task management/ }).getByRole('listitem'),
  ).toHaveCount(5);
  await sets.selectOption({ label: 'My one prompt' });
  await expect(page.getByRole('list', { name: 'Prompts in My one prompt' })).toHaveText('A real prompt');
  await page.getByRole('button', { name: 'Delete set “My one prompt”' }).click();
  await expect(sets.locator('option', { hasText: 'My one prompt' })).toHaveCount(0);
});

test('Stop keeps the answers that finished', async ({ page }) => {
  const fast = await server({ tokensPerSecond: 400, models: ['fast-model'] });
  const slow = await server({ tokensPerSecond: 4, models: ['slow-model'] });
  await openApp(page, fast.url);
  await addProfiles(page, [
    { name: 'Fast box', baseUrl: fast.url },
    { name: 'Slow box', baseUrl: slow.url },
  ]);
  await openCompare(page);
  await choosePair(page, 1, 'Fast box', 'fast-model');
  await choosePair(page, 2, 'Slow box', 'slow-model');
  await typePrompts(page, ['First', 'Second']);
  await runButton(page).click();

  const fastFirst = page.locator('[data-prompt="1"]').getByRole('article', { name: /fast-model/ });
  const slowFirst = page.locator('[data-prompt="1"]').getByRole('article', { name: /slow-model/ });
  await expect(fastFirst).toHaveAttribute('data-status', 'complete');
  await expect(slowFirst).toContainText('One two');
  await expect(runButton(page)).toBeDisabled();
  await page.getByRole('button', { name: 'Stop run' }).click();

  await expect(runResults(page)).toHaveAttribute('data-run-status', 'cancelled');
  await expect(fastFirst).toHaveAttribute('data-status', 'complete');
  await expect(fastFirst).toContainText(SHORT_REPLY);
  await expect(slowFirst).toHaveAttribute('data-status', 'cancelled');
  await expect(slowFirst).toContainText('One two');
  const firstPrompt = await readTable(promptTable(page, 1));
  expect(rowFor(firstPrompt, 'fast-model')['Status']).toBe('ok');
  expect(Number(rowFor(firstPrompt, 'fast-model')['Tokens/s'])).toBeGreaterThan(0);
  expect(rowFor(firstPrompt, 'slow-model')['Status']).toBe('cancelled');
  const secondPrompt = await readTable(promptTable(page, 2));
  expect(rowFor(secondPrompt, 'fast-model')['Status']).not.toBe('ok');
  // The second prompt was never sent to the slow backend.
  expect(slow.timings).toHaveLength(1);
  await expect(page.getByRole('list', { name: 'Saved runs' })).toContainText('stopped');
});

test('a chat reply shows its details, and "Compare this prompt…" opens compare with it', async ({ page }) => {
  const fast = await server({ tokensPerSecond: 200, models: ['fast-model'] });
  await openApp(page, fast.url);
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('Plan my week\nwith two lines');
  await composer.press('Enter');
  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'complete');

  // Compact: total time and rate next to who answered and the tokens.
  const meta = reply.locator('.message-meta');
  await expect(meta.locator('.meta-source')).toHaveText(/· fast-model$/);
  await expect(meta.locator('.meta-timing')).toHaveText(/^[\d.,]+ (ms|s) · [\d.,]+ tok\/s$/);
  await expect(meta.locator('.meta-usage')).toContainText(/\d+ → \d+ tokens/);
  const toggle = reply.getByRole('button', { name: 'Details' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const details = reply.getByRole('group', { name: 'Reply details' });
  const value = (term: string) =>
    details.locator('.reply-details-row', { has: page.locator(`dt:text-is("${term}")`) }).locator('dd');
  await expect(value('Model (as reported)')).toHaveText('fast-model');
  await expect(value('Finish reason')).toContainText('stop');
  await expect(value('Time to first token')).toHaveText(/^[\d.,]+ (ms|s)$/);
  await expect(value('Total time')).toHaveText(/^[\d.,]+ (ms|s)$/);
  await expect(value('Tokens per second')).toHaveText(/^[\d.,]+ tok\/s$/);
  await expect(value('Completion tokens')).toHaveText(/^\d+( \(estimated\))?$/);
  await expect(value('Prompt tokens')).toHaveText(/^\d+/);
  await expect(value('Total tokens')).toHaveText(/^\d+/);
  await expect(value('Retries')).toHaveText('0');
  await expect(value('Response id')).not.toHaveText('not reported');
  await toggle.click();
  await expect(details).toHaveCount(0);

  await page.getByRole('log').getByRole('button', { name: 'Compare this prompt…' }).click();
  await expect(page.getByRole('heading', { name: 'Compare backends', level: 1 })).toBeVisible();
  const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await expect(prompt).toHaveValue('Plan my week\nwith two lines');
  await expect(prompt).toBeFocused();
  await expect(page.getByRole('radio', { name: 'One prompt' })).toBeChecked();
  await page.getByRole('button', { name: 'Back to chat' }).click();
  await expect(composer).toBeFocused();
});

test('a server that reports no usage: the counts are estimated, and say so', async ({ page }) => {
  const quiet = await server({ tokensPerSecond: 200, models: ['quiet-model'], omitUsage: true });
  await openApp(page, quiet.url);
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('Count my tasks');
  await composer.press('Enter');
  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  const usage = reply.locator('.meta-usage');
  await expect(usage).toContainText(/^≈ \d+ → \d+ tokens/);
  await expect(usage).toContainText('(estimated)');
  await reply.getByRole('button', { name: 'Details' }).click();
  const details = reply.getByRole('group', { name: 'Reply details' });
  await expect(details).toContainText(/Completion tokens\s*\d+ \(estimated\)/);
  await expect(details).toContainText('the counts are estimated');

  // In a compare run the table marks the estimate with "~" as the exports do.
  await page.getByRole('button', { name: 'Compare this prompt…' }).click();
  const modelOne = page.getByRole('combobox', { name: 'Model for backend 1' });
  await expect(modelOne).toHaveValue('quiet-model');
  await expect(page.getByRole('combobox', { name: 'Model for backend 2' })).toHaveValue('quiet-model');
  await runButton(page).click();
  await expect(runResults(page)).toHaveAttribute('data-run-status', 'complete');
  const rows = await readTable(promptTable(page, 1));
  expect(rows).toHaveLength(2);
  for (const row of rows) expect(row['Completion tokens']).toMatch(/^~\d+$/);
});
