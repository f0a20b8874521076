import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Model output that tries to deceive with bidirectional controls, in real Chromium: a link whose
 * text U+202E reverses into "https://example.com" while it goes to evil.invalid, and a title that
 * carries the same control from the first message.
 */
const RLO = '\u202E';
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-data-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

test('a reversed link shows the control and its real target, never "https://example.com"', async ({
  page,
}) => {
  server = await startTestServer({
    flavor: 'ollama',
    tokensPerSecond: 400,
    reply: () => `Sign in here: [${RLO}moc.elpmaxe//:sptth](https://evil.invalid/) today.`,
  });
  host = new HostProcess({ data: dataDir, backend: server.url });
  await page.goto(await host.start());
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(`${RLO}fdp.exe where do I sign in?`);
  await composer.press('Enter');

  const reply = page.getByRole('log').locator('[data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  const link = reply.getByRole('link');
  await expect(link).toHaveAttribute('href', 'https://evil.invalid/');
  await expect(link).toHaveAttribute('title', 'https://evil.invalid/');
  // The control is shown, not applied: the text reads reversed, and the real target is in view.
  await expect(link.locator('.bidi-marker')).toHaveText('⟨U+202E⟩');
  await expect(link.locator('.link-target')).toBeVisible();
  await expect(link).toContainText('(goes to https://evil.invalid/)');
  await expect(link).toHaveAccessibleName(/evil\.invalid/);
  expect(await link.innerText()).not.toContain('example.com/');
  const shown = await link.evaluate((a) => a.textContent ?? '');
  expect(shown).not.toContain(RLO);
  expect(shown.startsWith('⟨U+202E⟩moc.elpmaxe//:sptth')).toBe(true);

  // Nowhere on the page does a control survive: the user's own message and the title show it too.
  const body = await page.locator('body').evaluate((b) => b.textContent ?? '');
  expect(body).not.toContain(RLO);
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toContainText('⟨U+202E⟩fdp.exe');
  await expect(page.getByRole('log').locator('[data-role="user"]').last()).toContainText('⟨U+202E⟩fdp.exe');
});
