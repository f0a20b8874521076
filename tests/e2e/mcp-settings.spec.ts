import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Settings → MCP servers in the browser host, against real servers: one that cannot start says
 * why, server-everything from npm becomes Ready with its tools, and a pasted configuration is
 * imported with a report.
 */
const require = createRequire(import.meta.url);
const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');

let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  // Real servers start here (two node processes, a login shell read once): slower than a page.
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-mcp-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function openMcpSettings(page: Page): Promise<void> {
  server = await startTestServer({ flavor: 'ollama' });
  host = new HostProcess({ data: dataDir, backend: server.url });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: /^MCP servers/ }).click();
  await expect(page.getByRole('heading', { name: 'MCP servers', level: 2 })).toBeVisible();
}

async function addStdioServer(page: Page, name: string, command: string, args: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Add server' }).click();
  const form = page.getByRole('form', { name: 'Add an MCP server' });
  await expect(form.getByRole('heading', { name: 'Add an MCP server' })).toBeFocused();
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('textbox', { name: 'Command' }).fill(command);
  await form.getByRole('textbox', { name: 'Arguments' }).fill(args.join('\n'));
  await form.getByRole('button', { name: 'Add server' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved “${name}”.` })).toBeVisible();
}

const card = (page: Page, name: string) => page.getByRole('article', { name });

test('a server that cannot start says why; server-everything becomes Ready with its tools', async ({
  page,
}) => {
  await openMcpSettings(page);
  await expect(page.getByText('No MCP server yet.')).toBeVisible();

  await addStdioServer(page, 'Broken', 'npx-not-installed-anywhere', ['-y', 'some-server']);
  const broken = card(page, 'Broken');
  await expect(broken.getByText('Failed', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(broken).toContainText(
    'npx-not-installed-anywhere was not found on the PATH of your login shell',
  );

  await addStdioServer(page, 'Everything', process.execPath, [everything, 'stdio']);
  const ready = card(page, 'Everything');
  await expect(ready.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
  const tools = ready.getByRole('list', { name: 'Tools of Everything' });
  await expect(tools.getByRole('switch', { name: 'Use echo' })).toBeChecked();
  // The broken one is unaffected by the other, and the other by it.
  await expect(broken.getByText('Failed', { exact: true })).toBeVisible();

  // A tool switched off and one always allowed are kept after a reload.
  await tools.getByRole('switch', { name: 'Use echo' }).click();
  await expect(tools.getByRole('switch', { name: 'Use echo' })).not.toBeChecked();
  // Read-only tools (echo) never ask; one that changes something has the toggle. Controlled by
  // main's answer: clicked, then checked once saved.
  await expect(tools.getByRole('listitem').filter({ hasText: 'echo' }).first()).toContainText('Read-only');
  const allow = tools.getByRole('checkbox', { name: 'Always allow toggle-simulated-logging' });
  await allow.click();
  await expect(allow).toBeChecked();
  await ready.getByRole('button', { name: 'Restart Everything' }).click();
  await expect(ready.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(tools.getByRole('switch', { name: 'Use echo' })).not.toBeChecked();
  await expect(allow).toBeChecked();

  // Remove asks first; Cancel keeps it, Remove removes it.
  await broken.getByRole('button', { name: 'Remove Broken…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove “Broken”?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(broken).toBeVisible();
  await broken.getByRole('button', { name: 'Remove Broken…' }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(broken).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add server' })).toBeFocused();
});

test('pasting a configuration adds its servers and reports the ones left out', async ({ page }) => {
  await openMcpSettings(page);
  await page.getByRole('button', { name: 'Paste configuration…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste an MCP configuration' });
  const text = dialog.getByRole('textbox', { name: 'Configuration (JSON)' });
  await expect(text).toBeFocused();
  await text.fill('{"mcpServers": {');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText('not valid JSON');

  await text.fill(
    JSON.stringify({
      mcpServers: {
        everything: {
          command: process.execPath,
          args: [everything, 'stdio'],
          env: { SECRET_TOKEN: 'abc123' },
        },
        nothing: { args: ['x'] },
      },
    }),
  );
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('status')).toContainText('Added 1: everything.');
  await expect(dialog.getByRole('status')).toContainText(
    'Left out “nothing”: It has neither a "command" nor a "url".',
  );
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Done' }).click();
  const imported = card(page, 'everything');
  await expect(imported.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });

  // Editing shows the saved variable by name only; its value stays saved.
  await imported.getByRole('button', { name: 'Edit everything' }).click();
  const form = page.getByRole('form', { name: 'Edit everything' });
  const value = form.getByLabel('Environment variables: value of SECRET_TOKEN');
  await expect(value).toHaveValue('');
  await expect(value).toHaveAttribute('placeholder', 'saved (type to replace)');
  await expect(page.getByText('abc123')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “everything”.' })).toBeVisible();
  await expect(imported.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
});
