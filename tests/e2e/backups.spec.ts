import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ConversationStore } from '../../electron/services/store/conversation-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Settings › Backups in the real renderer: the rolling backups listed with their time and contents,
 * Restore behind a confirmation dialog (Escape cancels it), and the restore answered in a status.
 */
let server: TestServer;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-backups-'));
  server = await startTestServer({ flavor: 'ollama' });
});
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openApp(page: Page): Promise<void> {
  host = new HostProcess({ data: dataDir, backend: server.url });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

test('lists the backups and restores one after a confirmation', async ({ page }) => {
  await openApp(page);
  await host!.stop();
  // The app takes its backups a while after a change; here the store is opened alone with no wait.
  const store = ConversationStore.open({ dir: dataDir, openStore: openConfStore, backupDelayMs: 1 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  store.close();

  await openApp(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page
    .getByRole('list', { name: 'Backups' })
    .getByRole('button', { name: /^Backups/ })
    .click();
  const list = page.getByRole('list', { name: 'Backups, newest first' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('0 conversations, 0 items in the trash, 1 backend profile');

  const restore = list.getByRole('button', { name: /^Restore the backup of / });
  await restore.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^Restore the backup of / });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await restore.click();
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Restored the backup of' })).toBeVisible();
});
