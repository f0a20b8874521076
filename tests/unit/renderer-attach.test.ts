import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/domain/conversation';
import type { AttachmentPart, FilePart, ImagePart } from '../../shared/domain/message-parts';
import type { ModelInfo } from '../../shared/domain/profiles';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_MESSAGE_MAX } from '../../shared/domain/attachment-limits';
import { fileKind, TOO_BIG } from '../../renderer/src/attachments/file-kinds';
import { scaledSize } from '../../renderer/src/attachments/image-processing';
import type { PreparedUpload } from '../../renderer/src/attachments/prepare-upload';
import { AppController } from '../../renderer/src/state/app-controller';
import { TOO_MANY, type AttachmentIo } from '../../renderer/src/state/chat/attachments-controller';
import {
  cutNote,
  cutToFit,
  visionWarningFor,
  visionWarningText,
} from '../../renderer/src/state/chat/attachment-checks';
import {
  chipDetail,
  focusAfterRemoval,
  type DraftAttachment,
} from '../../renderer/src/state/chat/draft-attachments';
import { FakeApi, FakeConnection } from './renderer-fake-api';

const hash = (c: string) => c.repeat(64);
const image = (id: string, name = 'photo.jpg'): ImagePart => ({
  type: 'image',
  id,
  hash: hash('a'),
  name,
  size: 120_000,
  mimeType: 'image/jpeg',
  width: 1568,
  height: 1176,
});
const doc = (id: string, extra: Partial<FilePart> = {}): FilePart => ({
  type: 'file',
  id,
  hash: hash('b'),
  name: 'notes.pdf',
  size: 50_000,
  mimeType: 'application/pdf',
  format: 'pdf',
  textHash: hash('c'),
  textChars: 40_000,
  pages: 12,
  ...extra,
});
const file = (name: string, type: string, size = 10) => new File([new Uint8Array(size)], name, { type });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('what the composer refuses before uploading', () => {
  it('refuses files over 20 MB, empty ones and plainly unsupported kinds, naming the fix', () => {
    expect(fileKind({ name: 'big.pdf', type: 'application/pdf', size: ATTACHMENT_MAX_BYTES + 1 })).toEqual({
      kind: 'refused',
      reason: TOO_BIG,
    });
    expect(fileKind({ name: 'e.txt', type: 'text/plain', size: 0 })).toMatchObject({ kind: 'refused' });
    expect(fileKind({ name: 'clip.mp4', type: 'video/mp4', size: 9 })).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('still image'),
    });
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(fileKind({ name: 'report.docx', type: docx, size: 9 })).toMatchObject({
      reason: expect.stringContaining('Save it as PDF'),
    });
    expect(fileKind({ name: 'a.heic', type: '', size: 9 })).toMatchObject({ kind: 'refused' });
  });

  it('takes images to process and documents for main to read, also without a type', () => {
    expect(fileKind({ name: 'image.png', type: 'image/png', size: 9 })).toEqual({ kind: 'image' });
    expect(fileKind({ name: 'notes.md', type: 'text/markdown', size: 9 })).toEqual({ kind: 'document' });
    expect(fileKind({ name: 'main.rs', type: '', size: 9 })).toEqual({ kind: 'document' });
    expect(fileKind({ name: 'scan.pdf', type: 'application/pdf', size: 9 })).toEqual({ kind: 'document' });
  });
});

describe('image size', () => {
  it('scales the longest side down to 1568 and leaves smaller images alone', () => {
    expect(scaledSize(4000, 3000)).toEqual({ width: 1568, height: 1176 });
    expect(scaledSize(3000, 4000)).toEqual({ width: 1176, height: 1568 });
    expect(scaledSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(scaledSize(10_000, 3)).toEqual({ width: 1568, height: 1 });
  });
});

describe('draft attachments', () => {
  const summary: ConversationSummary = { id: 'c1', title: 'T', createdAt: 0, updatedAt: 1, messageCount: 0 };
  afterEach(() => vi.unstubAllGlobals());

  /** A window whose files are "prepared" by the test: name → what prepare answers. */
  function setup(prepared: Record<string, PreparedUpload> = {}) {
    vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
    const revoked: string[] = [];
    const io: AttachmentIo = {
      prepare: (f) =>
        Promise.resolve(
          prepared[f.name] ?? {
            ok: true,
            kind: f.type.startsWith('image/') ? 'image' : 'file',
            input: { name: f.name, mimeType: f.type, dataBase64: 'AA==' },
            ...(f.type.startsWith('image/') ? { preview: new Blob(['x']) } : {}),
          },
        ),
      previewUrl: () => `blob:${Math.random()}`,
      revokeUrl: (url) => revoked.push(url),
    };
    let added = 0;
    const api = new FakeApi({
      'conversations.list': () => ({ ok: true, value: [summary] }),
      'conversations.get': () => ({ ok: true, value: { ...summary, messages: [] } }),
      'attachments.add': (input) => {
        const { name, mimeType } = input as { name: string; mimeType: string };
        added++;
        return {
          ok: true,
          value: mimeType.startsWith('image/') ? image(`p${added}`, name) : doc(`p${added}`, { name }),
        };
      },
    });
    const controller = new AppController(api, new FakeConnection(), io);
    controller.start();
    const chips = () => controller.store.getState().draftAttachments;
    return { api, controller, chips, revoked };
  }

  it('shows a chip at once, reading, then ready with the part main answered', async () => {
    const { controller, chips, api } = setup();
    await flush();
    const adding = controller.attach([file('photo.jpg', 'image/jpeg'), file('notes.pdf', 'application/pdf')]);
    expect(chips().map((c) => c.status)).toEqual(['reading', 'reading']);
    await adding;
    expect(chips().map((c) => [c.status, c.kind, c.name])).toEqual([
      ['ready', 'image', 'photo.jpg'],
      ['ready', 'file', 'notes.pdf'],
    ]);
    expect(chips()[0]?.previewUrl).toMatch(/^blob:/);
    expect(api.calls.filter((c) => c.route === 'attachments.add')).toHaveLength(2);
  });

  it('refuses with the reason: early in the window, or main’s message and fix', async () => {
    const { controller, chips, api } = setup({
      'broken.jpg': { ok: false, kind: 'image', reason: 'The image could not be read: it is damaged.' },
    });
    api.answer('attachments.add', () => ({
      ok: false,
      error: {
        code: 'invalid-input' as const,
        message: 'scan.pdf has no text layer (it is a scanned image).',
        fix: 'Attach a PDF with selectable text.',
        retryable: false,
      },
    }));
    await flush();
    await controller.attach([file('broken.jpg', 'image/jpeg'), file('scan.pdf', 'application/pdf')]);
    expect(chips().map((c) => c.status)).toEqual(['refused', 'refused']);
    expect(chipDetail(chips()[0]!)).toBe('The image could not be read: it is damaged.');
    expect(chipDetail(chips()[1]!)).toBe(
      'scan.pdf has no text layer (it is a scanned image). Attach a PDF with selectable text.',
    );
    // Only the file that got past the window's checks was uploaded.
    expect(api.calls.filter((c) => c.route === 'attachments.add')).toHaveLength(1);
  });

  it('refuses what is over the per-message limit, and refused chips do not count', async () => {
    const { controller, chips } = setup();
    await flush();
    const many = Array.from({ length: ATTACHMENTS_PER_MESSAGE_MAX + 2 }, (_, i) =>
      file(`n${i}.txt`, 'text/plain'),
    );
    await controller.attach(many);
    expect(chips().filter((c) => c.status === 'ready')).toHaveLength(ATTACHMENTS_PER_MESSAGE_MAX);
    const refused = chips().filter((c) => c.status === 'refused');
    expect(refused.map((c) => chipDetail(c))).toEqual([TOO_MANY, TOO_MANY]);
  });

  it('a chip removed while being read is forgotten, and its thumbnail let go', async () => {
    const { controller, chips, revoked } = setup();
    await flush();
    const adding = controller.attach([file('photo.jpg', 'image/jpeg')]);
    await Promise.resolve();
    controller.removeAttachment(chips()[0]!.id);
    await adding;
    expect(chips()).toEqual([]);
    expect(revoked).toHaveLength(1);
  });

  it('sends the text with the ready parts, then clears both; refused chips stay to be dismissed', async () => {
    const { controller, chips, api } = setup({ 'bad.gif': { ok: false, kind: 'image', reason: 'Damaged.' } });
    const saved: Message = { id: 'u1', role: 'user', parts: [], createdAt: 1, status: 'complete' };
    api.answer('chat.send', () => ({
      ok: true,
      value: { streamId: 's1', replyId: 'r1', userMessage: saved },
    }));
    await flush();
    controller.setDraftText('What is in this photo?');
    await controller.attach([file('photo.jpg', 'image/jpeg'), file('bad.gif', 'image/gif')]);
    const part = (chips()[0] as Extract<DraftAttachment, { status: 'ready' }>).part;
    expect(await controller.sendDraft()).toBe(true);
    expect(api.calls.find((c) => c.route === 'chat.send')?.input).toEqual({
      conversationId: 'c1',
      text: 'What is in this photo?',
      attachments: [part],
    });
    expect(controller.store.getState().draftText).toBe('');
    expect(chips().map((c) => c.name)).toEqual(['bad.gif']);
  });

  it('keeps the typed text and the chips when sending fails', async () => {
    const { controller, chips, api } = setup();
    api.answer('chat.send', () => ({
      ok: false,
      error: {
        code: 'backend-unreachable' as const,
        message: 'Ollama is not running.',
        fix: 'Start it.',
        retryable: true,
      },
    }));
    await flush();
    controller.setDraftText('Summarise this');
    await controller.attach([file('notes.pdf', 'application/pdf')]);
    expect(await controller.sendDraft()).toBe(false);
    expect(controller.store.getState().draftText).toBe('Summarise this');
    expect(chips().map((c) => c.status)).toEqual(['ready']);
    expect(controller.store.getState().open?.messages).toEqual([]);
  });

  it('sends attachments without text, and nothing while a chip is still being read', async () => {
    const { controller, api } = setup();
    const saved: Message = { id: 'u1', role: 'user', parts: [], createdAt: 1, status: 'complete' };
    api.answer('chat.send', () => ({
      ok: true,
      value: { streamId: 's1', replyId: 'r1', userMessage: saved },
    }));
    await flush();
    const adding = controller.attach([file('photo.jpg', 'image/jpeg')]);
    expect(await controller.sendDraft()).toBe(false);
    await adding;
    expect(await controller.sendDraft()).toBe(true);
    expect(api.calls.find((c) => c.route === 'chat.send')?.input).toMatchObject({ text: '' });
  });

  it('the context preview counts the draft’s attachments, as cut', async () => {
    const { controller, chips, api } = setup();
    await flush();
    await controller.attach([file('notes.pdf', 'application/pdf')]);
    controller.cutAttachment(chips()[0]!.id, 500);
    const part = (chips()[0] as { part: FilePart }).part;
    await controller.contextReport('c1', '', [part]);
    expect(api.calls.at(-1)).toEqual({
      route: 'chat.context',
      input: { conversationId: 'c1', draftAttachments: [{ ...part, cutToChars: 500 }] },
    });
  });

  it('cuts a document to what fits, and can send it whole again', async () => {
    const { controller, chips } = setup();
    await flush();
    await controller.attach([file('notes.pdf', 'application/pdf')]);
    const id = chips()[0]!.id;
    controller.cutAttachment(id, 1000);
    expect(chips()[0]).toMatchObject({ part: { cutToChars: 1000 } });
    controller.cutAttachment(id, undefined);
    expect((chips()[0] as { part: FilePart }).part.cutToChars).toBeUndefined();
  });
});

describe('focus after removing a chip', () => {
  const chip = (id: string): DraftAttachment => ({ id, name: id, size: 1, kind: 'file', status: 'reading' });
  it('goes to the next chip, else the previous, else the message box', () => {
    const list = [chip('a'), chip('b'), chip('c')];
    expect(focusAfterRemoval(list, 'a')).toBe('b');
    expect(focusAfterRemoval(list, 'c')).toBe('b');
    expect(focusAfterRemoval([chip('a')], 'a')).toBeUndefined();
  });
});

describe('the vision warning', () => {
  const ready = (part: AttachmentPart): DraftAttachment => ({
    id: part.id,
    name: part.name,
    size: part.size,
    kind: part.type,
    status: 'ready',
    part,
  });
  const models: ModelInfo[] = [
    { id: 'llama3.1:8b', capabilities: { vision: false } },
    { id: 'llava:7b', capabilities: { vision: true } },
    { id: 'qwen2.5-vl', capabilities: { vision: true } },
    { id: 'mystery' },
  ];

  it('warns for an image sent to a model that says it cannot see, naming vision models', () => {
    const warning = visionWarningFor([ready(image('i1'))], 'llama3.1:8b', models);
    expect(warning).toEqual({ model: 'llama3.1:8b', visionModels: ['llava:7b', 'qwen2.5-vl'] });
    expect(visionWarningText(warning!, 1)).toBe(
      "llama3.1:8b can't see images. Switch to a vision model (e.g. llava:7b, qwen2.5-vl) or remove the image.",
    );
  });

  it('says nothing when the model can see, does not say, or there is no image', () => {
    expect(visionWarningFor([ready(image('i1'))], 'llava:7b', models)).toBeUndefined();
    expect(visionWarningFor([ready(image('i1'))], 'mystery', models)).toBeUndefined();
    expect(visionWarningFor([ready(image('i1'))], 'not-listed', models)).toBeUndefined();
    expect(visionWarningFor([ready(doc('d1'))], 'llama3.1:8b', models)).toBeUndefined();
    const refused: DraftAttachment = {
      id: 'x',
      name: 'x.png',
      size: 1,
      kind: 'image',
      status: 'refused',
      reason: '',
    };
    expect(visionWarningFor([refused], 'llama3.1:8b', models)).toBeUndefined();
  });

  it('with no model chosen, asks about the first listed (what main picks)', () => {
    expect(visionWarningFor([ready(image('i1'))], undefined, models)?.model).toBe('llama3.1:8b');
  });
});

describe('cutting a document to fit', () => {
  it('takes the overflow (and a margin) off the end of what is sent', () => {
    const plan = cutToFit(doc('d1', { textChars: 40_000 }), { promptTokens: 12_000, budgetTokens: 7_000 });
    // 5,000 tokens over + 64 spare, at 3 characters a token.
    expect(plan).toEqual({ cutToChars: 40_000 - 5_064 * 3, percent: 62 });
    expect(cutNote(doc('d1', { textChars: 40_000, cutToChars: plan!.cutToChars }))).toBe(
      'Only the first 62% will be sent.',
    );
  });

  it('cuts further from an earlier cut, and offers nothing when it fits or nothing would', () => {
    const once = doc('d1', { textChars: 40_000, cutToChars: 20_000 });
    expect(cutToFit(once, { promptTokens: 8_000, budgetTokens: 7_000 })?.cutToChars).toBe(20_000 - 1_064 * 3);
    expect(cutToFit(doc('d1'), { promptTokens: 6_000, budgetTokens: 7_000 })).toBeUndefined();
    expect(cutToFit(doc('d1'), { promptTokens: 100_000, budgetTokens: 7_000 })).toBeUndefined();
    expect(cutNote(doc('d1'))).toBeUndefined();
  });
});
