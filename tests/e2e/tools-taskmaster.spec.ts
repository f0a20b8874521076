import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { HostProcess } from './host-process';
import {
  lastMessage,
  MODEL,
  offeredTool,
  startScriptedBackend,
  type ScriptedBackend,
} from './tools-scripted-backend';

/**
 * TaskMaster keeps a real task list: asked to create a task, the model calls the built-in tool (no
 * approval: local and undoable), the reply shows the call as a card with its result, the task is in
 * the Tasks panel, and both are still there after the app restarts on the same data folder.
 */
let backend: ScriptedBackend | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-tools-tasks-'));
});
test.afterEach(async () => {
  await host?.stop();
  await backend?.close();
  host = undefined;
  backend = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const ARGUMENTS = JSON.stringify({ title: 'Q4 Budget Review', priority: 'high', due: '2026-12-11' });

async function openApp(page: Page): Promise<void> {
  host = new HostProcess({ data: dataDir, backend: backend!.url, extra: ['--model', MODEL] });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

const log = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const lastReply = (page: Page): Locator => log(page).locator('[data-role="assistant"]').last();

/** The Tasks panel, however the window opens it (a view or a dialog named "Tasks"). */
async function openTasks(page: Page): Promise<Locator> {
  await page
    .getByRole('button', { name: /^Tasks\b/ })
    .first()
    .click();
  const panel = page.getByRole('region', { name: 'Tasks' }).or(page.getByRole('dialog', { name: 'Tasks' }));
  await expect(panel).toBeVisible();
  return panel;
}

test('TaskMaster creates a real task: a card in the reply, the task in the Tasks panel, both kept across a restart', async ({
  page,
}) => {
  backend = await startScriptedBackend((body) => {
    // A tool's answer came back: the model sums up. Otherwise it calls the task list's create tool.
    if (lastMessage(body)?.role === 'tool') return { text: 'Done: Q4 Budget Review is on your list.' };
    const create = offeredTool(body, /create/i);
    return create ? { toolCall: { name: create, arguments: ARGUMENTS } } : { text: 'I cannot keep tasks.' };
  });
  await openApp(page);

  // TaskMaster turns the task list on for this conversation.
  const bar = page.getByRole('region', { name: 'System prompt' });
  await bar.getByRole('button', { name: /System prompt/ }).click();
  await bar.getByLabel('Preset', { exact: true }).selectOption({ label: 'TaskMaster' });
  await expect(page.getByRole('button', { name: 'Tools (1)' })).toBeVisible();

  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('Create a task: Q4 Budget Review, high priority, due next Friday.');
  await composer.press('Enter');

  const reply = lastReply(page);
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).toContainText('Done: Q4 Budget Review is on your list.');
  const card = reply.getByRole('group', { name: /^Tool call: Created task · Q4 Budget Review · High/ });
  await expect(card).toBeVisible();
  // Built-in task tools run without asking.
  await expect(reply.getByRole('button', { name: 'Allow once' })).toHaveCount(0);

  // The card opens to the arguments as sent and the result the model got; no separate result bubble.
  const toggle = card.getByRole('button', { name: /show details/ });
  await toggle.click();
  await expect(card.getByRole('button', { name: /hide details/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(card.getByLabel('Arguments')).toContainText('"title": "Q4 Budget Review"');
  await expect(card.getByRole('region', { name: 'Result' })).toContainText('Q4 Budget Review');

  // The model was sent the tool's result as a `tool` message answering its call.
  const followUp = backend.requests.at(-1)!;
  expect(followUp.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_e2e_1' });
  expect(followUp.messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [expect.anything()] });

  let tasks = await openTasks(page);
  await expect(tasks.getByText('Q4 Budget Review')).toBeVisible();

  // A restart on the same data folder (it opens the latest conversation): the card and the task are still there.
  await host!.stop();
  await openApp(page);
  await expect(
    lastReply(page).getByRole('group', { name: /^Tool call: Created task · Q4 Budget Review/ }),
  ).toBeVisible();
  tasks = await openTasks(page);
  await expect(tasks.getByText('Q4 Budget Review')).toBeVisible();
});

test('a server that refuses tools says why, and Send without tools turns them off and answers', async ({
  page,
}) => {
  // llama-server started without --jinja refuses any request that carries tools.
  backend = await startScriptedBackend((body) =>
    body.tools?.length
      ? { status: 500, error: 'tools param requires --jinja flag' }
      : { text: 'Answered without tools.' },
  );
  await openApp(page);
  await page.getByRole('button', { name: /^Tools \(\d+\)$/ }).click();
  const panel = page.getByRole('group', { name: 'Tools', exact: true });
  await panel.getByRole('checkbox', { name: /^Task list/ }).check();
  await expect(page.getByRole('button', { name: 'Tools (1)' })).toBeVisible(); // saved
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Tools (1)' })).toBeFocused();

  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('What is on my list?');
  await composer.press('Enter');
  const reply = lastReply(page);
  const alert = reply.getByRole('alert');
  await expect(alert).toContainText('--jinja');
  await alert.getByRole('button', { name: 'Send without tools' }).click();

  await expect(page.getByRole('button', { name: 'Tools (0)' })).toBeVisible();
  await expect(lastReply(page)).toContainText('Answered without tools.');
  expect(backend.requests.at(-1)?.tools).toBeUndefined();
});
