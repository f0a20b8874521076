import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../shared/domain/attachment-limits';
import type { FilePart, ImagePart } from '../../shared/domain/message-parts';
import { attachmentReader } from '../../electron/services/attachments/attachment-reader';
import { BlobStore, sha256 } from '../../electron/services/attachments/blob-store';
import { AppHarness } from '../support/app-harness';
import { jpegBytes, pngBytes } from '../support/image-fixture';
import { pdfFixture } from '../support/pdf-fixture';

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

let app: AppHarness;
let blobs: BlobStore;
beforeAll(() => {
  app = new AppHarness({ backend: { baseUrl: 'http://127.0.0.1:9/v1' } });
  blobs = new BlobStore(path.join(app.dataDir, 'attachments'));
});
afterAll(async () => {
  await app.close();
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

const add = (name: string, bytes: Buffer | string, mimeType = '') =>
  app.invoke('attachments.add', { name, mimeType, dataBase64: b64(bytes) });

/** Refused with a message matching `pattern`, and nothing new stored. */
async function refused(name: string, bytes: Buffer | string, pattern: RegExp, mimeType = '') {
  const before = blobs.list().sort();
  const result = await add(name, bytes, mimeType);
  expect(result.ok).toBe(false);
  if (result.ok) return undefined;
  expect(result.error.code).toBe('invalid-input');
  expect(result.error.message).toMatch(pattern);
  expect(result.error.fix.length).toBeGreaterThan(0);
  expect(blobs.list().sort()).toEqual(before);
  return result.error;
}

describe('attachments.add', () => {
  it('stores a PNG once by content and reads its size from the header', async () => {
    const bytes = pngBytes(1568, 1176);
    const part = (await app.call('attachments.add', {
      name: 'photo.png',
      mimeType: 'image/png',
      dataBase64: b64(bytes),
    })) as ImagePart;
    expect(part).toMatchObject({
      type: 'image',
      name: 'photo.png',
      mimeType: 'image/png',
      width: 1568,
      height: 1176,
    });
    expect(part.hash).toBe(sha256(bytes));
    expect(part.id).toMatch(/^a-/);
    expect(fs.readFileSync(path.join(app.dataDir, 'attachments', part.hash.slice(0, 2), part.hash))).toEqual(
      bytes,
    );

    const again = (await app.call('attachments.add', {
      name: 'copy.png',
      mimeType: '',
      dataBase64: b64(bytes),
    })) as ImagePart;
    expect(again.hash).toBe(part.hash);
    expect(again.id).not.toBe(part.id);
    expect(blobs.list().filter((h) => h === part.hash)).toHaveLength(1);

    const { dataUrl } = await app.call('attachments.image', { hash: part.hash });
    expect(dataUrl).toBe(`data:image/png;base64,${b64(bytes)}`);
  });

  it('tells the type by the bytes, not the name or the declared type', async () => {
    const part = (await app.call('attachments.add', {
      name: 'scan.txt',
      mimeType: 'text/plain',
      dataBase64: b64(jpegBytes(640, 480)),
    })) as ImagePart;
    expect(part).toMatchObject({ type: 'image', mimeType: 'image/jpeg', width: 640, height: 480 });
  });

  it('reads the size of GIF and WebP images', async () => {
    const gif = Buffer.concat([
      Buffer.from('GIF89a', 'latin1'),
      Buffer.from([0x20, 0x03, 0x58, 0x02]),
      Buffer.alloc(10),
    ]);
    const gifPart = await app.call('attachments.add', {
      name: 'anim.gif',
      mimeType: '',
      dataBase64: b64(gif),
    });
    expect(gifPart).toMatchObject({ type: 'image', mimeType: 'image/gif', width: 800, height: 600 });
    // RIFF, size, WEBP, a VP8X chunk: flags, then width-1 and height-1 as 24-bit little-endian.
    const webp = Buffer.concat([
      Buffer.from('RIFF\0\0\0\0WEBPVP8X', 'latin1'),
      Buffer.from([10, 0, 0, 0, 0, 0, 0, 0]),
      Buffer.from([0x1f, 0x06, 0x00, 0x97, 0x04, 0x00]),
      Buffer.alloc(8),
    ]);
    const webpPart = await app.call('attachments.add', {
      name: 'x.webp',
      mimeType: '',
      dataBase64: b64(webp),
    });
    expect(webpPart).toMatchObject({ type: 'image', mimeType: 'image/webp', width: 1568, height: 1176 });
  });

  it('refuses a corrupt image, and a file that claims to be one', async () => {
    const broken = Buffer.concat([
      pngBytes(10, 10).subarray(0, 8),
      Buffer.from('not a chunk at all, really'),
    ]);
    await refused('photo.png', broken, /"photo\.png" is corrupt or not an image/);
    const noFrame = Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0, 0, 0]);
    await refused('cam.jpg', noFrame, /corrupt or not an image/);
    await refused('holiday.jpg', Buffer.from([1, 2, 3, 0, 5, 6]), /corrupt or not an image/, 'image/jpeg');
  });

  it('reads text files: UTF-8 (BOM dropped), UTF-16 with a BOM, and the format from the name', async () => {
    const reader = attachmentReader(blobs);
    const md = (await app.call('attachments.add', {
      name: 'notes.md',
      mimeType: '',
      dataBase64: b64(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Plan\nShip it ✓')])),
    })) as FilePart;
    expect(md).toMatchObject({ type: 'file', format: 'markdown', textChars: '# Plan\nShip it ✓'.length });
    expect(await reader.documentText(md)).toBe('# Plan\nShip it ✓');

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('naïve, 東京', 'utf16le')]);
    const wide = (await app.call('attachments.add', {
      name: 'data.csv',
      mimeType: '',
      dataBase64: b64(utf16),
    })) as FilePart;
    expect(wide).toMatchObject({ format: 'csv', mimeType: 'text/csv', size: utf16.length });
    expect(wide.hash).toBe(sha256(utf16));
    expect(await reader.documentText(wide)).toBe('naïve, 東京');

    const code = (await app.call('attachments.add', {
      name: 'main.rs',
      mimeType: '',
      dataBase64: b64('fn main() {}\n'),
    })) as FilePart;
    expect(code.format).toBe('code');
    // The same bytes as their text: stored once.
    expect(code.textHash).toBe(code.hash);
    const plain = (await app.call('attachments.add', {
      name: 'README',
      mimeType: '',
      dataBase64: b64('hello'),
    })) as FilePart;
    expect(plain.format).toBe('text');
  });

  it('refuses binary files, naming what can be attached', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]);
    const error = await refused('report.docx', zip, /"report\.docx" is not a type that can be attached/);
    expect(error?.message).toContain(
      'images (PNG, JPEG, WebP, GIF), PDF, and text files (text, Markdown, code, CSV, JSON)',
    );
    await refused('app.exe', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), /not a type that can be attached/);
    await refused(
      'latin1.txt',
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]),
      /not a type that can be attached/,
    );
  });

  it('refuses a file over 20 MB, an empty one and base64 that is not', async () => {
    const error = await refused(
      'big.txt',
      Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 'a'),
      /"big\.txt" is over 20 MB/,
    );
    expect(error?.fix).toMatch(/at most 20 MB/);
    await refused('empty.txt', '', /is empty/);
    const bad = await app.invoke('attachments.add', { name: 'x.txt', mimeType: '', dataBase64: 'ab$%' });
    expect(!bad.ok && bad.error.message).toMatch(/not valid base64/);
  });

  it('reads the text of a PDF, page by page', async () => {
    const pdf = pdfFixture([['Quarterly report', 'Revenue grew (a lot)'], ['Second page']]);
    const part = (await app.call('attachments.add', {
      name: 'report.pdf',
      mimeType: '',
      dataBase64: b64(pdf),
    })) as FilePart;
    expect(part).toMatchObject({
      type: 'file',
      format: 'pdf',
      mimeType: 'application/pdf',
      pages: 2,
      size: pdf.length,
    });
    expect(part.hash).toBe(sha256(pdf));
    const text = await attachmentReader(blobs).documentText(part);
    expect(text).toBe('Quarterly report\nRevenue grew (a lot)\n\nSecond page');
    expect(part.textChars).toBe(text.length);
  });

  it('refuses a PDF without a text layer, and one that is damaged', async () => {
    const error = await refused(
      'scan.pdf',
      pdfFixture([null, null]),
      /^This PDF has no text layer \(it is probably scanned\)/,
    );
    expect(error?.fix).toBe('Vision models can read an image of a page instead; or run OCR first.');
    await refused('broken.pdf', Buffer.from('%PDF-1.4\nthis is not really a pdf\n'), /could not be read/);
  });

  it('keeps only the file’s own name, without folders or control characters, and takes a data URL', async () => {
    const part = await app.call('attachments.add', {
      name: '../../etc/no\u0007tes\u202e.txt',
      mimeType: 'text/plain',
      dataBase64: `data:text/plain;base64,${b64('hello')}`,
    });
    expect(part.name).toBe('notes⟨U+202E⟩.txt');
    expect(part.size).toBe(5);
  });

  it('answers stored images only', async () => {
    const text = (await app.call('attachments.add', {
      name: 'a.txt',
      mimeType: '',
      dataBase64: b64('just text'),
    })) as FilePart;
    const notImage = await app.invoke('attachments.image', { hash: text.hash });
    expect(!notImage.ok && notImage.error.code).toBe('not-found');
    const unknown = await app.invoke('attachments.image', { hash: 'a'.repeat(64) });
    expect(!unknown.ok && unknown.error.code).toBe('not-found');
    const huge = await app.invoke('attachments.image', { hash: 'h'.repeat(10 * 1024 * 1024) });
    expect(!huge.ok && huge.error.code).toBe('invalid-input');
    expect(JSON.stringify(huge).length).toBeLessThan(1_000);
  });
});

describe('PDF text in the packaged app', () => {
  it('is read without pdfjs-dist’s optional native canvas, which the package leaves out', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/pdf-without-canvas.ts'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    expect(line, child.stderr).toContain('"kind":"ok"');
    expect(JSON.parse(line).result.text).toContain('Packaged app reads this.');
  });
});
