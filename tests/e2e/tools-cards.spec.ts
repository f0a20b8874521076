import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { MessagePart } from '../../shared/domain/message-parts';
import { HostProcess } from './host-process';
import { hostInvoke, MODEL, startScriptedBackend, type ScriptedBackend } from './tools-scripted-backend';

/**
 * A saved reply that used tools, as the transcript shows it: each call a compact card in the place
 * the model made it, holding its result (never a bubble of its own); the card opens to the arguments
 * (pretty JSON, or raw when not JSON) and the result rendered like model output (safe markdown, no
 * raw HTML), with a note when it was cut; Copy copies the answer alone. The reply comes in through a
 * JSON import of an export, so this needs nothing of the tool loop.
 */
let backend: ScriptedBackend | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-tools-cards-'));
});
test.afterEach(async () => {
  await host?.stop();
  await backend?.close();
  host = undefined;
  backend = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const toolParts: MessagePart[] = [
  { type: 'text', id: 't1', text: 'Let me add that. ' },
  {
    type: 'tool-call',
    id: 'c1',
    callId: 'call_1',
    name: 'create_task',
    source: { kind: 'builtin', id: 'tasks', name: 'Task list' },
    arguments: '{"title":"Q4 Budget Review","priority":"high"}',
    status: 'done',
    summary: 'Created task · Q4 Budget Review · High · due Fri',
    durationMs: 12,
  },
  {
    type: 'tool-call',
    id: 'c2',
    callId: 'call_2',
    name: 'read_notes',
    source: { kind: 'mcp', id: 'notes', name: 'notes server' },
    arguments: '{"path": ',
    status: 'done',
  },
  {
    type: 'tool-result',
    id: 'r1',
    callId: 'call_1',
    name: 'create_task',
    content: 'Created **Q4 Budget Review** <img src=x onerror="window.hacked=1">',
    isError: false,
  },
  {
    type: 'tool-result',
    id: 'r2',
    callId: 'call_2',
    name: 'read_notes',
    content: 'The arguments are not valid JSON.',
    isError: true,
    cutFromChars: 10_485_760,
  },
  { type: 'text', id: 't2', text: 'Done: it is on your list.' },
];

async function openApp(page: Page): Promise<void> {
  host = new HostProcess({ data: dataDir, backend: backend!.url, extra: ['--model', MODEL] });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

test('a reply that used tools shows each call as a card holding its result; Copy copies the answer only', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  backend = await startScriptedBackend(() => ({ text: 'Plain answer.' }));
  await openApp(page);
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('Add Q4 Budget Review');
  await composer.press('Enter');
  const log = page.getByRole('log', { name: 'Transcript' });
  await expect(log.locator('[data-role="assistant"]')).toHaveAttribute('data-status', 'complete');

  // The saved conversation, exported, its reply given the tool loop's parts, imported back.
  const exported = await hostInvoke(host!.url, 'conversations.export', { format: 'json' });
  if (!exported.ok) throw new Error(exported.error.message);
  const file = JSON.parse(exported.value.content) as {
    conversations: { title: string; messages: { role: string; parts: MessagePart[] }[] }[];
  };
  const conversation = file.conversations[0]!;
  conversation.title = 'Tools used';
  conversation.messages.find((m) => m.role === 'assistant')!.parts = toolParts;
  const imported = await hostInvoke(host!.url, 'conversations.import', { content: JSON.stringify(file) });
  if (!imported.ok) throw new Error(imported.error.message);
  await page
    .getByRole('button', { name: /Tools used/ })
    .first()
    .click();

  const reply = log.locator('[data-role="assistant"]').last();
  const cards = reply.getByRole('group', { name: /^Tool call:/ });
  await expect(cards).toHaveCount(2);
  // In the place the model made the calls: after the first text, before the last.
  const order = await reply.evaluate((element) =>
    [...element.querySelectorAll('.tool-card, .message-body > :not(.tool-card)')].map((e) =>
      e.classList.contains('tool-card') ? 'card' : (e.textContent ?? '').trim().slice(0, 11),
    ),
  );
  expect(order.filter((e) => e !== '')).toEqual(['Let me add ', 'card', 'card', 'Done: it is']);

  const created = reply.getByRole('group', {
    name: 'Tool call: Created task · Q4 Budget Review · High · due Fri',
  });
  const toggle = created.getByRole('button');
  await expect(toggle).toHaveAccessibleName(
    'Created task · Q4 Budget Review · High · due Fri, done, show details',
  );
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(created.getByLabel('Arguments')).toHaveText(
    '{\n  "title": "Q4 Budget Review",\n  "priority": "high"\n}',
  );
  const result = created.getByRole('region', { name: 'Result' });
  await expect(result.locator('strong')).toHaveText('Q4 Budget Review');
  // Untrusted: no raw HTML becomes an element.
  await expect(result.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();

  // No summary: the tool and its server; an error result makes it a failure; raw arguments as sent.
  const failed = reply.getByRole('group', { name: 'Tool call: read_notes · notes server' });
  await failed.getByRole('button', { name: /failed, show details/ }).click();
  await expect(failed).toContainText('Arguments (not valid JSON)');
  await expect(failed.getByLabel('Arguments')).toHaveText('{"path": ');
  await expect(failed.getByRole('region', { name: 'Result' })).toContainText('Error (the model saw this)');
  await expect(failed.getByRole('note')).toContainText('10,485,760 characters');

  // Results are not messages of their own, and Copy copies the answer text only.
  await expect(log.locator('[data-role="assistant"]')).toHaveCount(1);
  await reply.getByRole('button', { name: 'Copy message' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'Let me add that. Done: it is on your list.',
  );
});

test('the tools menu opens from the header and Settings has a Tools section with the approval rule', async ({
  page,
}) => {
  backend = await startScriptedBackend(() => ({ text: 'Hi.' }));
  await openApp(page);
  const button = page.getByRole('button', { name: /^Tools \(\d+\)$/ });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('group', { name: 'Tools', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Tools', exact: true })).toHaveCount(0);
  await expect(button).toBeFocused();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: /^Tools/ }).click();
  const section = page.getByRole('region', { name: 'Tools' });
  await expect(section).toContainText('Built-in task tools run without asking');
});
