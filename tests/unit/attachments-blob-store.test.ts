import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/conversation';
import type { FilePart, ImagePart } from '../../shared/domain/message-parts';
import { BlobStore, FRESH_BLOB_MS, sha256 } from '../../electron/services/attachments/blob-store';
import type { ConversationStore } from '../../electron/services/store/conversation-store';
import { StoreKit } from '../fixtures/store-kit';

const dirs: string[] = [];
const kits: StoreKit[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  for (const kit of kits.splice(0)) kit.cleanup();
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blobs-'));
  dirs.push(dir);
  return dir;
};

/** As if stored two hours ago. */
const age = (blobs: BlobStore, hash: string) => {
  const old = new Date(Date.now() - 2 * FRESH_BLOB_MS);
  fs.utimesSync(blobs.pathOf(hash), old, old);
};

describe('blob store', () => {
  it('keeps each content once, under its SHA-256, in a folder named by its first two hex digits', () => {
    const blobs = new BlobStore(tempDir());
    const bytes = Buffer.from('the same bytes');
    const hash = blobs.put(bytes);
    expect(hash).toBe(sha256(bytes));
    expect(blobs.pathOf(hash)).toBe(path.join(blobs.dir, hash.slice(0, 2), hash));
    expect(blobs.put(Buffer.from('the same bytes'))).toBe(hash);
    expect(blobs.list()).toEqual([hash]);
    expect(fs.readdirSync(path.join(blobs.dir, hash.slice(0, 2)))).toEqual([hash]);
    expect(blobs.read(hash)).toEqual(bytes);
    expect(blobs.read('0'.repeat(64))).toBeUndefined();
  });

  it('writes through a temp file: a leftover one is never read as a blob and goes with the clean-up', () => {
    const blobs = new BlobStore(tempDir());
    const hash = blobs.put(Buffer.from('complete'));
    // What a crash between write and rename leaves behind.
    const partial = `${blobs.pathOf(hash)}.abc123.partial`;
    fs.writeFileSync(partial, 'compl');
    expect(blobs.list()).toEqual([hash]);
    expect(blobs.read(hash)).toEqual(Buffer.from('complete'));
    const old = new Date(Date.now() - 2 * FRESH_BLOB_MS);
    fs.utimesSync(partial, old, old);
    blobs.removeUnreferenced(new Set([hash]));
    expect(fs.existsSync(partial)).toBe(false);
    expect(blobs.list()).toEqual([hash]);
  });

  it('refuses to hand out content that no longer matches its hash', () => {
    const blobs = new BlobStore(tempDir());
    const hash = blobs.put(Buffer.from('original'));
    fs.writeFileSync(blobs.pathOf(hash), 'tampered');
    expect(() => blobs.read(hash)).toThrow(/damaged/);
  });

  it('storing known content again makes it fresh, so a draft re-attaching it keeps it', () => {
    const blobs = new BlobStore(tempDir());
    const hash = blobs.put(Buffer.from('old photo'));
    age(blobs, hash);
    blobs.put(Buffer.from('old photo'));
    expect(blobs.removeUnreferenced(new Set())).toBe(0);
    expect(blobs.list()).toEqual([hash]);
  });
});

describe('clean-up with the trash', () => {
  function setup(): { kit: StoreKit; store: ConversationStore; blobs: BlobStore } {
    const kit = new StoreKit();
    kits.push(kit);
    const blobs = new BlobStore(kit.path('attachments'));
    return { kit, store: kit.open({ attachments: blobs }), blobs };
  }
  const image = (hash: string): ImagePart => ({
    type: 'image',
    id: `a-${hash.slice(0, 6)}`,
    hash,
    name: 'photo.png',
    size: 10,
    mimeType: 'image/png',
    width: 2,
    height: 2,
  });
  const document = (hash: string, textHash: string): FilePart => ({
    type: 'file',
    id: `a-${textHash.slice(0, 6)}`,
    hash,
    textHash,
    name: 'report.pdf',
    size: 10,
    mimeType: 'application/pdf',
    format: 'pdf',
    textChars: 4,
    pages: 1,
  });
  const withAttachments = (kit: StoreKit, parts: (ImagePart | FilePart)[]): Message => {
    const message = kit.message('user', 'look');
    return { ...message, parts: [...message.parts, ...parts] };
  };

  it('keeps attachments while their conversation is in the trash, removes them when it is emptied', async () => {
    const { kit, store, blobs } = setup();
    const [shared, onlyTrashed, pdf, pdfText, oldDraft, freshDraft] = [
      'shared',
      'only in the trashed conversation',
      '%PDF-bytes',
      'text',
      'old unreferenced',
      'a draft not sent yet',
    ].map((s) => blobs.put(Buffer.from(s))) as [string, string, string, string, string, string];
    for (const hash of [shared, onlyTrashed, pdf, pdfText, oldDraft]) age(blobs, hash);

    const kept = store.create().id;
    store.appendMessage(kept, withAttachments(kit, [image(shared)]));
    const deleted = store.create().id;
    store.appendMessage(
      deleted,
      withAttachments(kit, [image(shared), image(onlyTrashed), document(pdf, pdfText)]),
    );
    store.moveToTrash(deleted);

    expect(await store.sweepAttachments()).toBe(1);
    expect(blobs.list().sort()).toEqual([shared, onlyTrashed, pdf, pdfText, freshDraft].sort());

    expect(store.emptyTrash()).toBe(1);
    // The clean-up follows the trash by itself.
    await expect.poll(() => blobs.list().sort()).toEqual([shared, freshDraft].sort());
  });

  it('runs after a single item is purged, and keeps what another trash item still references', async () => {
    const { kit, store, blobs } = setup();
    const [a, b] = ['first', 'second'].map((s) => blobs.put(Buffer.from(s))) as [string, string];
    age(blobs, a);
    age(blobs, b);
    const one = store.create().id;
    store.appendMessage(one, withAttachments(kit, [image(a), image(b)]));
    const two = store.create().id;
    store.appendMessage(two, withAttachments(kit, [image(b)]));
    const first = store.moveToTrash(one)!;
    store.moveToTrash(two);
    expect(store.purge(first.id)).toBe(true);
    await expect.poll(() => blobs.list()).toEqual([b]);
  });

  it('keeps what an open conversation references before it is written', async () => {
    const { kit, store, blobs } = setup();
    const hash = blobs.put(Buffer.from('kept'));
    age(blobs, hash);
    const id = store.create().id;
    // A reply streaming with checkpoints is the one unsaved change; the user's message is in memory too.
    store.appendMessage(id, withAttachments(kit, [image(hash)]));
    fs.rmSync(kit.path('conversations', `${id}.json`));
    expect(await store.sweepAttachments()).toBe(0);
    expect(blobs.list()).toEqual([hash]);
  });
});
