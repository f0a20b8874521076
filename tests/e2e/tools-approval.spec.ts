import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { McpServerView } from '../../shared/domain/mcp';
import { HostProcess } from './host-process';
import {
  hostInvoke,
  lastMessage,
  MODEL,
  offeredTool,
  startScriptedBackend,
  type ScriptedBackend,
} from './tools-scripted-backend';

/**
 * An MCP tool with side effects asks first, in the reply: Deny is honoured (the tool does not run and
 * the model is told), Allow once runs it; a server that cannot start says why. The MCP server is the
 * real `@modelcontextprotocol/server-everything` over stdio; its `toggle-simulated-logging` tool is
 * not read-only, so it asks.
 */
let backend: ScriptedBackend | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-tools-approval-'));
});
test.afterEach(async () => {
  await host?.stop();
  await backend?.close();
  host = undefined;
  backend = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const EVERYTHING = resolve('node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const TOOL = 'toggle-simulated-logging';

async function openApp(page: Page, window = ''): Promise<void> {
  host = new HostProcess({ data: dataDir, backend: backend!.url, extra: ['--model', MODEL] });
  await page.goto(`${await host.start()}${window}`);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

/** Adds an MCP server over the host's socket (its Settings section has its own specs) and waits for it to settle. */
async function addServer(name: string, command: string, args: string[]): Promise<McpServerView> {
  const saved = await hostInvoke(host!.url, 'mcp.save', {
    name,
    enabled: true,
    transport: { kind: 'stdio', command, args },
  });
  if (!saved.ok) throw new Error(saved.error.message);
  for (let tries = 0; tries < 100; tries++) {
    const listed = await hostInvoke(host!.url, 'mcp.list');
    const server = listed.ok ? listed.value.find((s) => s.id === saved.value.id) : undefined;
    if (server && (server.status.state === 'ready' || server.status.state === 'failed')) return server;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${name} did not start or fail in 20 s`);
}

async function turnOnTools(page: Page, source: RegExp): Promise<void> {
  await page.getByRole('button', { name: /^Tools \(\d+\)$/ }).click();
  const panel = page.getByRole('group', { name: 'Tools', exact: true });
  await panel.getByRole('checkbox', { name: source }).check();
  await expect(panel.getByRole('checkbox', { name: source })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Tools (1)' })).toBeVisible(); // saved
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
}

const log = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const lastReply = (page: Page): Locator => log(page).locator('[data-role="assistant"]').last();
const prompt = (reply: Locator) =>
  reply.getByRole('group', { name: new RegExp(`^Allow ${TOOL} from everything`) });

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

test('an MCP tool with side effects asks first: Deny is honoured and the model told; Allow once runs it', async ({
  page,
}) => {
  backend = await startScriptedBackend((body) => {
    const last = lastMessage(body);
    if (last?.role === 'tool') return { text: `The tool said: ${String(last.content).slice(0, 80)}` };
    const tool = offeredTool(body, new RegExp(`^${TOOL}$`));
    return tool ? { toolCall: { name: tool, arguments: '{}' } } : { text: 'No tools offered.' };
  });
  await openApp(page);
  const server = await addServer('everything', process.execPath, [EVERYTHING, 'stdio']);
  expect(server.status.state).toBe('ready');
  await turnOnTools(page, /^everything/);
  await expect(page.getByRole('button', { name: 'Tools (1)' })).toBeVisible();

  // Typing in the composer: the prompt appears in the reply without taking focus, and is announced.
  await send(page, 'Turn on the logging.');
  let reply = lastReply(page);
  await expect(prompt(reply)).toBeVisible();
  await expect(prompt(reply).getByLabel('Arguments')).toContainText('{}');
  await expect(
    page.getByRole('status').filter({ hasText: `Waiting for your approval: ${TOOL}` }),
  ).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
  const asked = backend.requests.length;

  await prompt(reply).getByRole('button', { name: 'Deny' }).click();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(prompt(reply)).toHaveCount(0);
  await expect(reply.getByRole('group', { name: /^Tool call:/ }).getByRole('button')).toHaveAccessibleName(
    /denied/,
  );
  // The model was told, in the tool's answer to its call; the tool did not run.
  const denied = backend.requests.at(-1)!;
  expect(backend.requests.length).toBe(asked + 1);
  expect(lastMessage(denied)).toMatchObject({ role: 'tool', tool_call_id: 'call_e2e_1' });
  expect(String(lastMessage(denied)?.content)).toMatch(/den/i);
  expect(String(lastMessage(denied)?.content)).not.toMatch(/Started simulated/);

  // Again, answered from the keyboard this time: Y allows once, and the tool runs.
  await send(page, 'Please, turn on the logging.');
  reply = lastReply(page);
  await expect(prompt(reply)).toBeVisible();
  await prompt(reply).getByRole('button', { name: 'Allow once' }).focus();
  await page.keyboard.press('y');
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).toContainText('The tool said:');
  expect(String(lastMessage(backend.requests.at(-1)!)?.content)).toMatch(/Started simulated/);
  const card = reply.getByRole('group', { name: /^Tool call:/ });
  await card.getByRole('button', { name: /done, show details/ }).click();
  await expect(card.getByRole('region', { name: 'Result' })).toContainText('Started simulated');
  // The prompt went: focus is not lost.
  await expect(page.locator('body')).not.toBeFocused();
});

test('in the tray window too: the tools menu, and Always allow this tool stops the asking', async ({
  page,
}) => {
  backend = await startScriptedBackend((body) => {
    const last = lastMessage(body);
    if (last?.role === 'tool') return { text: `The tool said: ${String(last.content).slice(0, 40)}` };
    const tool = offeredTool(body, new RegExp(`^${TOOL}$`));
    return tool ? { toolCall: { name: tool, arguments: '{}' } } : { text: 'No tools offered.' };
  });
  await openApp(page, '&window=tray');
  await expect(page.locator('.app-tray')).toBeVisible();
  await addServer('everything', process.execPath, [EVERYTHING, 'stdio']);
  await turnOnTools(page, /^everything/);

  await send(page, 'Toggle the logging.');
  let reply = lastReply(page);
  await prompt(reply).getByRole('button', { name: 'Always allow this tool' }).click();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).toContainText('The tool said: Started simulated');

  // Always allowed: the next call runs without asking.
  await send(page, 'Toggle it again.');
  reply = lastReply(page);
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).toContainText('The tool said: Stopped simulated');
  await expect(prompt(reply)).toHaveCount(0);
});

test('a server that cannot start says why, in the tools menu and in Settings', async ({ page }) => {
  backend = await startScriptedBackend(() => ({ text: 'Hello.' }));
  await openApp(page);
  const broken = await addServer('broken', 'no-such-mcp-command-e2e', ['--stdio']);
  expect(broken.status.state).toBe('failed');
  expect(broken.status.message).toBeTruthy();

  await page.getByRole('button', { name: /^Tools \(\d+\)$/ }).click();
  const panel = page.getByRole('group', { name: 'Tools', exact: true });
  await expect(panel.getByRole('checkbox', { name: /^broken/ })).toBeVisible();
  await expect(panel).toContainText('Failed to start');
  await page.keyboard.press('Escape');

  // Settings shows the reason main gave (its MCP section is helper `mcp`'s; the words are main's).
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: /MCP/ }).first().click();
  await expect(page.getByText(broken.status.message!.slice(0, 40), { exact: false }).first()).toBeVisible();
});
