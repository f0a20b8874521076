import { createHash } from 'node:crypto';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentReader } from '../../electron/services/attachments/attachment-reader';
import { documentBlock, imageTokens } from '../../electron/services/chat/attachment-content';
import type { FilePart, ImagePart } from '../../shared/domain/message-parts';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type Flavor, type TestServer } from '../support/openai-test-server';

/**
 * Attachments in chat through the real router, chat service and stores on disk, over real HTTP to
 * the test server: what each backend flavour receives, counting and trimming, and sending again
 * (edit, retry) with them. The stored files come from a small reader over a Map: the blob store is
 * a dependency here, not what is tested.
 */

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const PNG_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
const NOTES = '# Launch plan\n\n- Budget: 40k\n- Review: Friday\n```js\nrun();\n```\n';

const image = (name = 'cat.png', seed = 'cat'): ImagePart => ({
  type: 'image',
  id: 'client-1',
  hash: sha(seed),
  name,
  size: 1234,
  mimeType: 'image/png',
  width: 1568,
  height: 1045,
});
const doc = (text = NOTES, extra: Partial<FilePart> = {}): FilePart => ({
  type: 'file',
  id: 'client-2',
  hash: sha(`file:${text}`),
  name: 'notes.md',
  size: text.length,
  mimeType: 'text/markdown',
  format: 'markdown',
  textHash: sha(text),
  textChars: text.length,
  ...extra,
});

/** Stored attachments: image data URLs by hash, document texts by text hash; anything else is not stored. */
function mapReader(): AttachmentReader & { images: Map<string, string>; texts: Map<string, string> } {
  const images = new Map<string, string>([[sha('cat'), PNG_URL]]);
  const texts = new Map<string, string>([[sha(NOTES), NOTES]]);
  return {
    images,
    texts,
    imageDataUrl(part) {
      const url = images.get(part.hash);
      if (!url) throw new Error(`no blob ${part.hash}`);
      return url;
    },
    documentText(part) {
      const text = texts.get(part.textHash);
      if (text === undefined) throw new Error(`no blob ${part.textHash}`);
      return Promise.resolve(text);
    },
  };
}

type Sent = { role: string; content: unknown };
const chatBodies = (server: TestServer) =>
  server.requests
    .filter((r) => r.path.endsWith('/chat/completions'))
    .map((r) => r.body as { messages: Sent[] });

let server: TestServer;
let app: AppHarness;
let reader: ReturnType<typeof mapReader>;

const newApp = (s: TestServer, model: string) => {
  reader = mapReader();
  app = new AppHarness({ backend: { baseUrl: s.url, model }, attachments: reader });
  return app;
};

async function send(conversationId: string, text: string, attachments: (ImagePart | FilePart)[] = []) {
  const sent = await app.call('chat.send', { conversationId, text, attachments });
  const end = await app.settled(sent.streamId);
  expect(end.type).toBe('finished');
  return sent;
}

/** The exact user message every flavour receives for "Look at these" with the image and the notes. */
const EXPECTED_USER: Sent = {
  role: 'user',
  content: [
    { type: 'text', text: 'Look at these' },
    { type: 'image_url', image_url: { url: PNG_URL } },
    {
      type: 'text',
      text: 'File: notes.md\n````\n# Launch plan\n\n- Budget: 40k\n- Review: Friday\n```js\nrun();\n```\n\n````',
    },
  ],
};

describe('the request with attachments, per backend flavour', () => {
  const flavours: [Flavor, string][] = [
    ['ollama', 'llama3.2-vision'],
    ['openai', 'gpt-4o'],
    ['litellm', 'vision-model'],
    ['llamacpp', 'model.gguf'],
    ['vllm', 'Qwen/Qwen2.5-VL-7B-Instruct'],
    ['lmstudio', 'qwen2.5-vl-7b'],
  ];
  it.each(flavours)(
    '%s: text first, the image as a data URL, the document named and fenced',
    async (flavor, model) => {
      const s = await startTestServer({ flavor, models: [model] });
      s.setContextMetadata({ capabilities: ['vision'] });
      try {
        newApp(s, model);
        const { id } = await app.call('conversations.create');
        const { userMessage } = await send(id, 'Look at these', [image(), doc()]);
        // Saved as the text part then the attachments, with ids of their own.
        expect(userMessage.parts.map((p) => [p.type, p.id])).toEqual([
          ['text', 't1'],
          ['image', 'a1'],
          ['file', 'a2'],
        ]);
        expect(app.saved(id)?.messages[0]?.parts).toEqual(userMessage.parts);
        expect(chatBodies(s)[0]?.messages).toEqual([EXPECTED_USER]);

        // A message without attachments stays a plain string; the earlier one goes again with its parts.
        await send(id, 'And now?');
        const second = chatBodies(s)[1]!.messages;
        expect(second[0]).toEqual(EXPECTED_USER);
        expect(second.map((m) => typeof m.content)).toEqual(['object', 'string', 'string']);
        expect(second[2]).toEqual({ role: 'user', content: 'And now?' });
      } finally {
        await app.close();
        await s.close();
      }
    },
  );
});

describe('attachments in chat', () => {
  beforeAll(async () => {
    server = await startTestServer({ flavor: 'ollama', models: ['llama3.2-vision'] });
  });
  afterAll(() => server.close());
  afterEach(async () => {
    server.clearFaults();
    server.setContextMetadata({});
    server.setReply(undefined);
    await app?.close();
  });
  const requests = () => chatBodies(server);

  it('a message of attachments alone is sent, without a text part', async () => {
    newApp(server, 'llama3.2-vision');
    const { id } = await app.call('conversations.create');
    const { userMessage } = await send(id, '', [image()]);
    expect(userMessage.parts.map((p) => p.type)).toEqual(['image']);
    expect(requests().at(-1)?.messages).toEqual([
      { role: 'user', content: [{ type: 'image_url', image_url: { url: PNG_URL } }] },
    ]);
  });

  it('a cut document sends its first characters and a line saying the rest was not sent', async () => {
    newApp(server, 'llama3.2-vision');
    const { id } = await app.call('conversations.create');
    await send(id, 'Summarise', [doc(NOTES, { cutToChars: 13 })]);
    const content = requests().at(-1)!.messages[0]!.content as { type: string; text: string }[];
    expect(content[1]).toEqual({
      type: 'text',
      text: `File: notes.md\n\`\`\`\n# Launch plan\n\`\`\`\n[The rest of notes.md was not sent: ${NOTES.length - 13} of ${NOTES.length} characters.]`,
    });
  });

  it('an attachment that is not stored is refused by name, and nothing is saved or sent', async () => {
    newApp(server, 'llama3.2-vision');
    const { id } = await app.call('conversations.create');
    const before = requests().length;
    const result = await app.invoke('chat.send', {
      conversationId: id,
      text: 'Look',
      attachments: [image(), image('ghost.png', 'not stored')],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('not-found');
    expect(result.error.message).toContain('ghost.png');
    expect(result.error.fix).toMatch(/attach the file again/i);
    expect(app.saved(id)?.messages).toEqual([]);
    expect(requests().length).toBe(before);

    // Edit and resend checks them the same way before anything moves to the trash.
    const { userMessage } = await send(id, 'Hello');
    const edit = await app.invoke('chat.editAndResend', {
      conversationId: id,
      messageId: userMessage.id,
      text: 'Hello again',
      attachments: [doc('never stored')],
    });
    expect(edit.ok).toBe(false);
    expect(app.saved(id)?.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('with the app’s own storage, an attachment that was never stored is refused and nothing is saved', async () => {
    app = new AppHarness({ backend: { baseUrl: server.url, model: 'llama3.2-vision' } });
    const { id } = await app.call('conversations.create');
    const result = await app.invoke('chat.send', {
      conversationId: id,
      text: 'Look',
      attachments: [image()],
    });
    expect(!result.ok && result.error.code).toBe('not-found');
    expect(app.saved(id)?.messages).toEqual([]);
  });

  it('edit and resend keeps the attachments it is given, and only those', async () => {
    newApp(server, 'llama3.2-vision');
    const { id } = await app.call('conversations.create');
    const { userMessage } = await send(id, 'Look at these', [image(), doc()]);
    const kept = userMessage.parts.filter((p): p is ImagePart => p.type === 'image');
    const edited = await app.call('chat.editAndResend', {
      conversationId: id,
      messageId: userMessage.id,
      text: 'Only the picture, please',
      attachments: kept,
    });
    expect((await app.settled(edited.streamId)).type).toBe('finished');
    expect(edited.userMessage.parts.map((p) => p.type)).toEqual(['text', 'image']);
    expect(app.saved(id)?.messages[0]?.parts).toEqual(edited.userMessage.parts);
    expect(requests().at(-1)?.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Only the picture, please' },
          { type: 'image_url', image_url: { url: PNG_URL } },
        ],
      },
    ]);
  });

  it('retry and continue send the history again with its attachments', async () => {
    newApp(server, 'llama3.2-vision');
    const { id } = await app.call('conversations.create');
    server.fail({ kind: 'status', status: 400, message: 'bad parameter' });
    const { streamId } = await app.call('chat.send', {
      conversationId: id,
      text: 'Look at these',
      attachments: [image(), doc()],
    });
    expect((await app.settled(streamId)).type).toBe('failed');
    const retried = await app.call('chat.retry', { conversationId: id });
    expect((await app.settled(retried.streamId)).type).toBe('finished');
    expect(requests().at(-1)?.messages).toEqual([EXPECTED_USER]);

    server.fail({ kind: 'eof-without-done', afterTokens: 3 });
    const again = await app.call('chat.retry', { conversationId: id });
    expect((await app.settled(again.streamId)).type).toBe('failed');
    const continued = await app.call('chat.continue', { conversationId: id });
    await app.settled(continued.streamId);
    expect(requests().at(-1)?.messages[0]).toEqual(EXPECTED_USER);
  });
});

describe('tokens and trimming with attachments', () => {
  beforeAll(async () => {
    server = await startTestServer({ flavor: 'ollama', models: ['llama3.2-vision'] });
  });
  afterAll(() => server.close());
  afterEach(async () => {
    server.setReply(undefined);
    server.setPromptTokens(undefined);
    server.setContextMetadata({});
    await app?.close();
  });

  async function setProfile(params: { contextLength?: number; maxTokens?: number }) {
    const { defaultProfileId } = await app.call('profiles.list');
    await app.call('profiles.update', { id: defaultProfileId, patch: { kind: 'ollama', params } });
  }
  const context = (conversationId: string, draft: string, draftAttachments: (ImagePart | FilePart)[] = []) =>
    app.call('chat.context', {
      conversationId,
      draft,
      ...(draftAttachments.length ? { draftAttachments } : {}),
    });

  it('the meter counts an image by its estimate and a document by the block it sends', async () => {
    newApp(server, 'llama3.2-vision');
    await setProfile({ contextLength: 100_000 });
    const { id } = await app.call('conversations.create');
    const plain = await context(id, 'Look');
    const withImage = await context(id, 'Look', [image()]);
    expect(withImage.promptTokens - plain.promptTokens).toBe(imageTokens(1568, 1045));
    expect(imageTokens(1568, 1045)).toBe(1105);
    expect(imageTokens(1568, 1568)).toBe(765);
    const withDoc = await context(id, 'Look', [doc()]);
    expect(withDoc.promptTokens - plain.promptTokens).toBe(countTokens(documentBlock(doc(), NOTES)));
    // An attachment alone is a draft too.
    expect((await context(id, '', [doc()])).promptTokens).toBeGreaterThan(0);
    // Nothing was read to preview it but the document's text: no image goes anywhere.
    expect(chatBodies(server)).toEqual([]);
  });

  it('trimming leaves out an older turn whole, its attachments with it', async () => {
    newApp(server, 'llama3.2-vision');
    server.setReply(() => 'Noted.');
    const big = 'The quarterly figures in detail, line by line, with every vendor named. '.repeat(40);
    reader.texts.set(sha(big), big);
    await setProfile({ contextLength: 800, maxTokens: 200 }); // budget 600 tokens
    const { id } = await app.call('conversations.create');
    const first = await send(id, 'Read this', [doc(big)]);
    expect(chatBodies(server).at(-1)?.messages).toHaveLength(1); // newest turn: sent even over budget
    await send(id, 'Second question');
    await send(id, 'Third question');
    const sent = chatBodies(server).at(-1)!.messages;
    expect(sent).toEqual([
      { role: 'user', content: 'Second question' },
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: 'Third question' },
    ]);
    const saved = app.saved(id)!;
    const reply = saved.messages.at(-1)!;
    expect(reply.context?.omittedCount).toBe(2);
    expect(reply.context?.firstKeptId).toBe(saved.messages[2]!.id);
    const report = await context(id, 'Next');
    expect(report.omittedIds).toEqual([first.userMessage.id, saved.messages[1]!.id]);
  });

  it('a draft too big for the context alone says by how much and where its document would fit', async () => {
    newApp(server, 'llama3.2-vision');
    const big = 'Every clause of the contract, with its schedule and its annexes. '.repeat(80);
    reader.texts.set(sha(big), big);
    await setProfile({ contextLength: 800, maxTokens: 200 });
    const { id } = await app.call('conversations.create');
    const over = await context(id, 'Check this', [doc(big)]);
    expect(over.overBudget).toBe(true);
    expect(over.draftOverBy).toBe(over.promptTokens - over.budgetTokens);
    expect(over.draftFitChars).toBeGreaterThan(0);
    expect(over.draftFitChars).toBeLessThan(big.length);
    const cut = await context(id, 'Check this', [doc(big, { cutToChars: over.draftFitChars! })]);
    expect(cut.overBudget).toBe(false);
    expect(cut.draftOverBy).toBeUndefined();
  });

  it('the meter says whether the model reads images when the draft holds one', async () => {
    newApp(server, 'llama3.2-vision');
    await setProfile({});
    const { id } = await app.call('conversations.create');
    expect((await context(id, 'Look')).vision).toBeUndefined();
    server.setContextMetadata({ capabilities: ['vision'] });
    expect((await context(id, 'Look', [image()])).vision).toBe(true);
  });
});

describe('the pieces of an attachment’s request content', () => {
  it('images are counted by tile: small ones one tile, large ones scaled first', () => {
    expect(imageTokens(100, 100)).toBe(255);
    expect(imageTokens(4000, 1000)).toBe(imageTokens(2048, 512));
  });

  it('a cut never splits a character made of two UTF-16 units, and the note counts what was left', () => {
    const text = 'ab🚀cd';
    expect(documentBlock({ name: 'x.txt', cutToChars: 3 }, text)).toBe(
      'File: x.txt\n```\nab\n```\n[The rest of x.txt was not sent: 4 of 6 characters.]',
    );
    // A cut at or past the end sends it all, without a note.
    expect(documentBlock({ name: 'x.txt', cutToChars: 6 }, text)).toBe('File: x.txt\n```\nab🚀cd\n```');
  });
});
