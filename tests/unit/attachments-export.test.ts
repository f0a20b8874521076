import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/conversation';
import { CONVERSATIONS_FORMAT, parseConversationsImport } from '../../shared/domain/conversation-export';
import type { FilePart, ImagePart } from '../../shared/domain/message-parts';
import { BlobStore } from '../../electron/services/attachments/blob-store';
import type { ConversationStore } from '../../electron/services/store/conversation-store';
import { StoreKit } from '../fixtures/store-kit';
import { pngBytes } from '../support/image-fixture';

const kits: StoreKit[] = [];
afterEach(() => {
  for (const kit of kits.splice(0)) kit.cleanup();
});

function setup(): { kit: StoreKit; store: ConversationStore; blobs: BlobStore } {
  const kit = new StoreKit();
  kits.push(kit);
  const blobs = new BlobStore(kit.path('attachments'));
  return { kit, store: kit.open({ attachments: blobs }), blobs };
}

/** A conversation whose user message carries an image and a PDF (its bytes and its text). */
function seedWithAttachments(kit: StoreKit, store: ConversationStore, blobs: BlobStore) {
  const png = pngBytes(1568, 1176);
  const pdf = Buffer.from('%PDF-1.4 pretend');
  const text = 'Quarterly report';
  const image: ImagePart = {
    type: 'image',
    id: 'a-1',
    hash: blobs.put(png),
    name: 'photo.png',
    size: png.length,
    mimeType: 'image/png',
    width: 1568,
    height: 1176,
  };
  const file: FilePart = {
    type: 'file',
    id: 'a-2',
    hash: blobs.put(pdf),
    textHash: blobs.put(Buffer.from(text)),
    name: 'report.pdf',
    size: pdf.length,
    mimeType: 'application/pdf',
    format: 'pdf',
    textChars: text.length,
    pages: 12,
  };
  const id = store.create().id;
  const user = kit.message('user', 'What do these say?');
  const message: Message = { ...user, parts: [...user.parts, image, file] };
  store.appendMessage(id, message);
  store.appendMessage(id, kit.message('assistant', 'Numbers went up.'));
  return { id, png, pdf, text, image, file };
}

describe('export and import with attachments', () => {
  it('embeds every referenced attachment in the JSON export, and the import stores them again', async () => {
    const source = setup();
    const seeded = seedWithAttachments(source.kit, source.store, source.blobs);
    const exported = await source.store.export(undefined, 'json');
    const file = JSON.parse(exported.content) as { version: number; attachments: Record<string, unknown> };
    expect(file.version).toBe(2);
    expect(Object.keys(file.attachments).sort()).toEqual(
      [seeded.image.hash, seeded.file.hash, seeded.file.textHash].sort(),
    );
    expect(file.attachments[seeded.image.hash]).toEqual({
      mimeType: 'image/png',
      dataBase64: seeded.png.toString('base64'),
    });

    const target = setup();
    const report = target.store.import(exported.content);
    expect(report.imported).toHaveLength(1);
    expect(target.blobs.read(seeded.image.hash)).toEqual(seeded.png);
    expect(target.blobs.read(seeded.file.hash)).toEqual(seeded.pdf);
    expect(target.blobs.read(seeded.file.textHash)?.toString('utf8')).toBe(seeded.text);
    const imported = target.store.get(report.imported[0]!.id)!;
    expect(imported.messages[0]!.parts).toEqual(source.store.get(seeded.id)!.messages[0]!.parts);
  });

  it('refuses the whole import when an embedded attachment does not match its hash', async () => {
    const source = setup();
    const seeded = seedWithAttachments(source.kit, source.store, source.blobs);
    const file = JSON.parse((await source.store.export(undefined, 'json')).content) as {
      attachments: Record<string, { dataBase64: string }>;
    };
    file.attachments[seeded.image.hash]!.dataBase64 = Buffer.from('other bytes').toString('base64');

    const target = setup();
    expect(() => target.store.import(JSON.stringify(file))).toThrow(/does not match its fingerprint/);
    expect(target.store.list()).toEqual([]);
    expect(target.blobs.list()).toEqual([]);
  });

  it('lists each message’s attachments in the Markdown export', async () => {
    const { kit, store, blobs } = setup();
    seedWithAttachments(kit, store, blobs);
    const { content } = await store.export(undefined, 'markdown');
    expect(content).toContain('*Attached: photo.png (image, 1568×1176), report.pdf (PDF, 12 pages)*');
    expect(content).not.toContain('base64');
  });

  it('refuses an attachments map that is not one, quoting a bad key only briefly', () => {
    const parsed = parseConversationsImport(
      JSON.stringify({
        format: CONVERSATIONS_FORMAT,
        version: 2,
        conversations: [],
        attachments: { ['x'.repeat(100_000)]: { mimeType: 'image/png', dataBase64: '' } },
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toMatch(/attachments are invalid/);
    expect(parsed.reason.length).toBeLessThan(300);
  });
});
