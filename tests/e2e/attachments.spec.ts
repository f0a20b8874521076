import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { HostProcess } from './host-process';

/**
 * Attachments in the real renderer (Chromium, browser host, the Ollama test server): a pasted image
 * reaches the model as a data-URL `image_url` part and shows as a thumbnail with a larger view; a
 * PDF picked with the file picker reaches it as text with its name, and Edit & resend keeps it; a
 * model that cannot see is warned about before anything is sent; a corrupt or unsupported file is
 * refused with the reason and the typed text stays. What the test server received is the truth.
 */
let server: TestServer | undefined;
let host: HostProcess | undefined;
let dataDir: string;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-attachments-'));
});
test.afterEach(async () => {
  await host?.stop();
  await server?.close();
  host = undefined;
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function openApp(page: Page, vision: boolean): Promise<void> {
  server = await startTestServer({ flavor: 'ollama' });
  // Ollama says what a model can do in `/api/show` `capabilities`.
  server.setContextMetadata({ capabilities: vision ? ['vision'] : [] });
  host = new HostProcess({ data: dataDir, backend: server.url });
  await page.goto(await host.start());
  await expect(messageBox(page)).toBeVisible();
}

const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const log = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const lastUser = (page: Page): Locator => log(page).locator('[data-role="user"]').last();
const lastReply = (page: Page): Locator => log(page).locator('[data-role="assistant"]').last();
const draftChip = (page: Page, name: string): Locator =>
  page.getByRole('list', { name: 'Attachments' }).getByRole('listitem').filter({ hasText: name });

type Sent = { role: string; content: unknown };
const chatRequests = () => server!.requests.filter((r) => r.path.endsWith('/chat/completions'));
const lastUserSent = (): Sent | undefined =>
  (chatRequests().at(-1)?.body as { messages: Sent[] } | undefined)?.messages.findLast(
    (m) => m.role === 'user',
  );

/** A copied image, as a screenshot tool leaves it: a PNG drawn in the page, pasted into the message box. */
async function pasteImage(page: Page, name: string): Promise<void> {
  await messageBox(page).focus();
  await messageBox(page).evaluate(async (box, fileName) => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#c33';
    context.fillRect(0, 0, 64, 48);
    const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b!), 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([blob], fileName, { type: 'image/png' }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, name);
}

/** Files chosen in the system's picker, opened by the paperclip button. */
async function pickFiles(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(files);
}

/** A one-page PDF with a text layer, written by hand (objects, xref table, trailer). */
function pdfWithText(lines: string[]): Buffer {
  const text = ['BT', '/F1 12 Tf', '72 720 Td', '14 TL', ...lines.map((l) => `(${l}) Tj T*`), 'ET'].join(
    '\n',
  );
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

test('a pasted image goes to a vision model as a data-URL image part and shows as a thumbnail with a larger view', async ({
  page,
}) => {
  await openApp(page, true);
  await pasteImage(page, 'whiteboard.png');
  await expect(draftChip(page, 'whiteboard.png')).toBeVisible();
  await messageBox(page).fill('What is on the whiteboard?');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  await messageBox(page).press('Enter');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

  const content = lastUserSent()?.content;
  expect(Array.isArray(content)).toBe(true);
  expect(content).toContainEqual(
    expect.objectContaining({
      type: 'image_url',
      image_url: expect.objectContaining({
        url: expect.stringMatching(/^data:image\/[a-z]+;base64,[A-Za-z0-9+/]+=*$/),
      }),
    }),
  );
  expect(JSON.stringify(content)).toContain('What is on the whiteboard?');

  // The sent message shows its thumbnail; Enter opens the larger view, Escape gives focus back.
  const thumbnail = lastUser(page).getByRole('button', { name: /^View .+ larger$/ });
  await expect(thumbnail.locator('img')).toHaveAttribute('src', /^data:image\//);
  await thumbnail.focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog');
  await expect(viewer.getByRole('img')).toHaveAttribute('src', /^data:image\//);
  await expect(viewer).toContainText('64 × 48');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await expect(thumbnail).toBeFocused();
});

test("a PDF's text reaches the model with its name, and Edit & resend keeps it", async ({ page }) => {
  await openApp(page, false);
  const pdf = pdfWithText(['Minutes of the June meeting.', 'The budget is approved: 4,200 euros.']);
  await pickFiles(page, [{ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: pdf }]);
  await expect(draftChip(page, 'minutes.pdf')).toBeVisible();
  await messageBox(page).fill('What was decided?');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  await messageBox(page).press('Enter');
  await expect(lastReply(page)).toHaveAttribute('data-status', 'complete');

  const sent = JSON.stringify(lastUserSent()?.content);
  expect(sent).toContain('minutes.pdf');
  expect(sent).toContain('The budget is approved: 4,200 euros.');
  expect(sent).toContain('What was decided?');
  await expect(lastUser(page).locator('.sent-file')).toContainText('minutes.pdf');
  await expect(lastUser(page).locator('.sent-file')).toContainText('PDF · 1 page');

  // Edit: the document comes along (removable), and the resend carries it again.
  const requestsBefore = chatRequests().length;
  await lastUser(page).hover();
  await lastUser(page).getByRole('button', { name: 'Edit message' }).click();
  await expect(lastUser(page).getByRole('button', { name: 'Remove minutes.pdf' })).toBeVisible();
  await lastUser(page).getByRole('textbox', { name: 'Edit message' }).fill('How much was approved?');
  await lastUser(page).getByRole('button', { name: 'Save & resend' }).click();
  await expect.poll(() => chatRequests().length).toBe(requestsBefore + 1);
  const resent = JSON.stringify(lastUserSent()?.content);
  expect(resent).toContain('How much was approved?');
  expect(resent).toContain('The budget is approved: 4,200 euros.');
  await expect(lastUser(page).locator('.sent-file')).toContainText('minutes.pdf');
});

/**
 * The host makes a Custom profile for the test server's URL; as an Ollama profile it asks the
 * server's `/api/show` what each model can do.
 */
async function makeOllamaProfile(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('list', { name: 'Profiles' }).getByRole('button').first().click();
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('ollama');
  await page.getByRole('textbox', { name: 'Base URL' }).fill(server!.url);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to chat' }).click();
}

test('a model that cannot see images is named before anything is sent', async ({ page }) => {
  await openApp(page, false);
  await makeOllamaProfile(page);
  await messageBox(page).fill('Describe this.');
  await pasteImage(page, 'photo.png');
  const warning = page.getByRole('alert').filter({ hasText: /image/i });
  await expect(warning).toContainText('llama3.2:1b');
  await messageBox(page).press('Enter');
  await expect(warning).toBeVisible();
  expect(chatRequests()).toHaveLength(0);
  await expect(messageBox(page)).toHaveValue('Describe this.');
});

test('a corrupt image and an unsupported file are refused with the reason, and the typed text stays', async ({
  page,
}) => {
  await openApp(page, true);
  await messageBox(page).fill('Keep this text');
  await pickFiles(page, [
    { name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('this is not a PNG at all') },
    { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\x90\x00\x03') },
  ]);
  await expect(draftChip(page, 'broken.png').getByRole('alert')).toHaveText(
    /damaged|could not be read|not .*image/i,
  );
  await expect(draftChip(page, 'setup.exe').getByRole('alert')).toHaveText(
    /can.t be attached|not supported/i,
  );
  await expect(messageBox(page)).toHaveValue('Keep this text');
  expect(chatRequests()).toHaveLength(0);
});
