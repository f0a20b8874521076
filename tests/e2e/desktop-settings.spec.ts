import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Settings → Desktop in the browser host: the shortcut checked as it is typed and by main, the
 * switches saved at once, the reason nothing applies here, and two windows kept in step by
 * `desktop.changed`.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-desktop-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function openApp(page: Page): Promise<void> {
  server = await startTestServer({ flavor: 'ollama' });
  host = new HostProcess({ data: dataDir, backend: server.url });
  await page.goto(await host.start());
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

async function openDesktopSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: /^Desktop/ }).click();
  await expect(page.getByRole('heading', { name: 'Desktop', level: 2 })).toBeVisible();
}

const shortcutField = (page: Page) => page.getByRole('textbox', { name: 'Global shortcut' });
const toggle = (page: Page, name: string | RegExp) => page.getByRole('switch', { name });

test('an invalid shortcut is refused at the field and not saved; a valid one is saved and kept', async ({
  page,
}) => {
  await openApp(page);
  await openDesktopSettings(page);
  // The browser host cannot register shortcuts or show a tray, and says so.
  await expect(
    page.getByRole('note').filter({ hasText: 'Desktop features run in the installed app' }),
  ).toBeVisible();
  const field = shortcutField(page);
  await expect(field).toHaveValue('CommandOrControl+Shift+Space');
  await expect(
    page.getByRole('status').filter({ hasText: 'registered when the installed app runs' }),
  ).toBeVisible();

  await field.fill('Ctrl+Control+K');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#desktop-shortcut-error')).toHaveText('A modifier is repeated.');
  await expect(field).toHaveAccessibleDescription(/A modifier is repeated\./);
  await expect(page.getByRole('button', { name: 'Save shortcut' })).toBeDisabled();
  await field.press('Enter');
  await field.fill('K');
  await expect(page.locator('#desktop-shortcut-error')).toContainText('Add a modifier');
  await field.press('Enter');
  await page.reload();
  await openDesktopSettings(page);
  await expect(shortcutField(page)).toHaveValue('CommandOrControl+Shift+Space');

  // A valid one is saved on Enter, in Electron's spelling, and survives a reload.
  await shortcutField(page).fill('alt+shift+k');
  await expect(shortcutField(page)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Not saved yet' })).toBeVisible();
  await shortcutField(page).press('Enter');
  await expect(shortcutField(page)).toHaveValue('Alt+Shift+K');
  await expect(page.getByRole('status').filter({ hasText: 'Not saved yet' })).toHaveCount(0);
  await page.reload();
  await openDesktopSettings(page);
  await expect(shortcutField(page)).toHaveValue('Alt+Shift+K');
});

test('the switches are saved at once, kept across a reload, and shown in another window', async ({
  page,
  context,
}) => {
  await openApp(page);
  const other = await context.newPage();
  await other.goto(host?.url ?? '');
  await openDesktopSettings(page);
  await openDesktopSettings(other);

  const closeToTray = /^Keep running in the tray/;
  const launchAtLogin = 'Launch at login';
  const startHidden = 'Start hidden in the tray';
  const notify = /^Notify when a reply finishes/;
  // The defaults.
  await expect(toggle(page, closeToTray)).toBeChecked();
  await expect(toggle(page, launchAtLogin)).not.toBeChecked();
  await expect(toggle(page, startHidden)).not.toBeChecked();
  await expect(toggle(page, notify)).toBeChecked();
  // Stored even where nothing applies them (the browser host), so they stay editable; launch at
  // login only where the installed app could do it (macOS, Windows): greyed out with the reason on Linux.
  const loginEditable = process.platform === 'darwin' || process.platform === 'win32';
  if (loginEditable) await expect(toggle(page, launchAtLogin)).toBeEnabled();
  else {
    await expect(toggle(page, launchAtLogin)).toBeDisabled();
    await expect(toggle(page, launchAtLogin)).toHaveAccessibleDescription(/startup applications/);
  }

  await toggle(page, closeToTray).click();
  if (loginEditable) await toggle(page, launchAtLogin).click();
  await toggle(page, startHidden).press('Space');
  await toggle(page, notify).click();
  for (const target of [page, other]) {
    await expect(toggle(target, closeToTray)).not.toBeChecked();
    if (loginEditable) await expect(toggle(target, launchAtLogin)).toBeChecked();
    await expect(toggle(target, startHidden)).toBeChecked();
    await expect(toggle(target, notify)).not.toBeChecked();
  }

  // The shortcut too: saved in one window, shown in the other.
  await shortcutField(page).fill('CommandOrControl+Alt+L');
  await page.getByRole('button', { name: 'Save shortcut' }).click();
  await expect(shortcutField(other)).toHaveValue('CommandOrControl+Alt+L');

  await page.reload();
  await openDesktopSettings(page);
  await expect(toggle(page, closeToTray)).not.toBeChecked();
  if (loginEditable) await expect(toggle(page, launchAtLogin)).toBeChecked();
  await expect(toggle(page, startHidden)).toBeChecked();
  await expect(toggle(page, notify)).not.toBeChecked();
  await expect(shortcutField(page)).toHaveValue('CommandOrControl+Alt+L');
});
