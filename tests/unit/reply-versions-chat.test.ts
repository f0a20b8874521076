import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../shared/domain/conversation';
import { answerText } from '../../shared/domain/message-content';
import { everyMessage } from '../../shared/domain/reply-versions';
import { BlobStore, FRESH_BLOB_MS } from '../../electron/services/attachments/blob-store';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { StoreKit } from '../fixtures/store-kit';

/**
 * Reply versions through the real router, chat service and stores on disk, against the test
 * server: Regenerate keeps the earlier reply as a version, the conversation goes on from the version
 * shown, and only the shown path is sent, counted and searched; versions survive a restart, a JSON
 * export and import, and the attachment clean-up.
 */
let app: AppHarness;
let server: TestServer;
let n = 0;

beforeEach(async () => {
  n = 0;
  server = await startTestServer({
    flavor: 'ollama',
    models: ['llama3.2:1b'],
    reply: () => `Answer number ${++n}`,
  });
  app = new AppHarness({ backend: { baseUrl: server.url, model: 'llama3.2:1b' } });
});

afterEach(async () => {
  await app.close();
  await server.close();
});

type Sent = { role: string; content: string };
const lastRequestMessages = () =>
  (
    server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as {
      messages: Sent[];
    }
  ).messages;
const texts = (c: Conversation) => c.messages.map((m) => answerText(m));

async function finished(streamId: string): Promise<Message> {
  const end = await app.settled(streamId);
  if (end.type !== 'finished') throw new Error(`expected finished, got ${end.type}`);
  return end.message;
}

/** A conversation with one question and three versions of its reply (the third shown). */
async function threeVersions() {
  const { conversationId, end } = await app.ask('Question');
  expect(end.type).toBe('finished');
  const second = await app.call('chat.retry', { conversationId });
  await finished(second.streamId);
  const third = await app.call('chat.retry', { conversationId });
  const reply = await finished(third.streamId);
  return { conversationId, reply };
}

describe('reply versions in chat', () => {
  it('regenerate keeps each earlier reply; the new one streams as n/n', async () => {
    const { conversationId, reply } = await threeVersions();
    expect(answerText(reply)).toBe('Answer number 3');
    expect(reply.versions?.shown).toBe(2);
    expect(reply.versions?.others.map((tail) => tail.map(answerText))).toEqual([
      ['Answer number 1'],
      ['Answer number 2'],
    ]);
    // The started event carried them, so every window shows 3 / 3 while it streams.
    const started = app.streamEvents(await lastStream())[0];
    expect(started).toMatchObject({ type: 'started', versions: { shown: 2 } });
    // The request held the question only, not the earlier replies.
    expect(lastRequestMessages()).toEqual([{ role: 'user', content: 'Question' }]);
    const saved = app.saved(conversationId)!;
    expect(texts(saved)).toEqual(['Question', 'Answer number 3']);
    expect(saved.messages[1]!.versions).toEqual(reply.versions);
    expect(saved.messageCount).toBe(2);
  });

  it('goes on from the version shown, and switching back brings its continuation', async () => {
    const { conversationId, reply } = await threeVersions();
    const first = await app.call('chat.showVersion', { conversationId, messageId: reply.id, version: 0 });
    expect(texts(first)).toEqual(['Question', 'Answer number 1']);
    expect(first.messages[1]!.versions?.shown).toBe(0);

    const sent = await app.call('chat.send', { conversationId, text: 'Go on' });
    await finished(sent.streamId);
    expect(lastRequestMessages().map((m) => m.content)).toEqual(['Question', 'Answer number 1', 'Go on']);

    // Only the shown path is counted for the next request: its four messages, no hidden reply.
    const report = await app.call('chat.context', { conversationId });
    const shownIds = app.saved(conversationId)!.messages.map((m) => m.id);
    expect([...report.keptIds, ...report.omittedIds].sort()).toEqual([...shownIds].sort());
    const list = await app.call('conversations.list');
    expect(list.find((c) => c.id === conversationId)?.messageCount).toBe(4);

    const third = await app.call('chat.showVersion', {
      conversationId,
      messageId: first.messages[1]!.id,
      version: 2,
    });
    expect(texts(third)).toEqual(['Question', 'Answer number 3']);
    const back = await app.call('chat.showVersion', {
      conversationId,
      messageId: third.messages[1]!.id,
      version: 0,
    });
    expect(texts(back)).toEqual(['Question', 'Answer number 1', 'Go on', 'Answer number 4']);
    // And it is what a restart reads.
    expect(texts(app.saved(conversationId)!)).toEqual(texts(back));
  });

  it('searches only the version shown', async () => {
    const { conversationId, reply } = await threeVersions();
    expect(await app.call('conversations.search', { query: 'Answer number 1' })).toEqual([]);
    await app.call('chat.showVersion', { conversationId, messageId: reply.id, version: 0 });
    const hits = await app.call('conversations.search', { query: 'Answer number 1' });
    expect(hits.map((h) => h.conversationId)).toEqual([conversationId]);
  });

  it('refuses a version that is not there, an unknown message, and any switch while a reply streams', async () => {
    const { conversationId, reply } = await threeVersions();
    const missing = await app.invoke('chat.showVersion', { conversationId, messageId: reply.id, version: 3 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await app.invoke('chat.showVersion', { conversationId, messageId: 'nope', version: 0 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });

    server.setTokensPerSecond(20);
    const slow = await app.call('chat.send', { conversationId, text: 'A slow one' });
    const busy = await app.invoke('chat.showVersion', { conversationId, messageId: reply.id, version: 0 });
    expect(busy).toMatchObject({ ok: false, error: { code: 'busy' } });
    await app.call('chat.cancel', { streamId: slow.streamId });
    await app.settled(slow.streamId);
    expect(app.saved(conversationId)!.messages[1]!.versions?.shown).toBe(2);
  });

  it('a failed reply is replaced by Retry, and the new reply keeps the earlier versions', async () => {
    const { conversationId } = await threeVersions();
    server.fail({ kind: 'status', status: 401 }, 1);
    const failing = await app.call('chat.retry', { conversationId });
    const end = await app.settled(failing.streamId);
    expect(end.type).toBe('failed');
    // The failed attempt is a fourth version, shown.
    expect(end.type === 'failed' && end.message.versions?.shown).toBe(3);
    const retried = await app.call('chat.retry', { conversationId });
    const reply = await finished(retried.streamId);
    expect(reply.versions?.shown).toBe(3);
    expect(reply.versions?.others).toHaveLength(3);
    const all = [...everyMessage(app.saved(conversationId)!.messages)];
    expect(all.filter((m) => m.status === 'failed')).toEqual([]);
  });

  it('a JSON export keeps the versions, and an import brings them back; Markdown shows the shown path', async () => {
    const { conversationId, reply } = await threeVersions();
    const json = await app.call('conversations.export', { ids: [conversationId], format: 'json' });
    const markdown = await app.call('conversations.export', { ids: [conversationId], format: 'markdown' });
    expect(markdown.content).toContain('Answer number 3');
    expect(markdown.content).not.toContain('Answer number 1');

    await app.call('conversations.delete', { id: conversationId });
    const report = await app.call('conversations.import', { content: json.content });
    expect(report.imported).toHaveLength(1);
    const imported = await app.call('conversations.get', { id: report.imported[0]!.id });
    expect(imported.messages[1]!.versions).toEqual(reply.versions);

    // A file whose versions point past their list is refused whole.
    const file = JSON.parse(json.content) as { conversations: Conversation[] };
    file.conversations[0]!.messages[1]!.versions!.shown = 9;
    const refused = await app.invoke('conversations.import', { content: JSON.stringify(file) });
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.error.message).toMatch(/past the list of versions/);
  });
});

/** The stream id of the last reply that started. */
async function lastStream(): Promise<string> {
  const started = app.events
    .filter((e) => e.name === 'chat.stream')
    .map((e) => e.payload as { type: string; streamId: string })
    .filter((e) => e.type === 'started');
  return started.at(-1)!.streamId;
}

describe('attachments of hidden versions', () => {
  const kits: StoreKit[] = [];
  afterEach(() => {
    for (const kit of kits.splice(0)) kit.cleanup();
  });

  it('are kept by the clean-up while only a hidden version references them', async () => {
    const kit = new StoreKit();
    kits.push(kit);
    const blobs = new BlobStore(kit.path('attachments'));
    const store = kit.open({ attachments: blobs });
    const hash = blobs.put(Buffer.from('only in version 1'));
    const old = new Date(Date.now() - 2 * FRESH_BLOB_MS);
    fs.utimesSync(blobs.pathOf(hash), old, old);
    const id = store.create().id;
    const withImage = kit.message('user', 'look');
    const user: Message = {
      ...withImage,
      parts: [
        ...withImage.parts,
        {
          type: 'image',
          id: 'a-1',
          hash,
          name: 'photo.png',
          size: 17,
          mimeType: 'image/png',
          width: 1,
          height: 1,
        },
      ],
    };
    store.appendMessage(id, user);
    store.appendMessage(id, kit.message('assistant', 'a photo'));
    // Edit & resend without the image: the message with it is now a hidden version.
    const edited = kit.message('user', 'never mind');
    const { addVersion } = await import('../../shared/domain/reply-versions');
    store.setMessages(id, addVersion(store.get(id)!.messages, 0, edited));
    expect(store.get(id)!.messages.map((m) => m.id)).toEqual([edited.id]);

    expect(await store.sweepAttachments()).toBe(0);
    expect(blobs.list()).toEqual([hash]);
    // Also from memory alone (the file not written yet).
    fs.rmSync(kit.path('conversations', `${id}.json`));
    expect(await store.sweepAttachments()).toBe(0);
    expect(blobs.list()).toEqual([hash]);
  });

  it('a part only a newer version knows, in a hidden version, keeps the file read-only as in the shown path', () => {
    const kit = new StoreKit();
    kits.push(kit);
    const first = kit.open();
    const id = kit.seed(first, 'Question', 'Answer');
    first.close();
    const file = kit.path('conversations', `${id}.json`);
    const data = kit.readJson('conversations', `${id}.json`) as { messages: Record<string, unknown>[] };
    const hidden = { ...data.messages[1]!, id: 'hidden', parts: [{ type: 'hologram', id: 'h1' }] };
    data.messages[1] = { ...data.messages[1]!, versions: { shown: 1, others: [[hidden]] } };
    fs.writeFileSync(file, JSON.stringify(data));
    const bytes = fs.readFileSync(file, 'utf8');
    const store = kit.open();
    expect(store.get(id)).toBeUndefined();
    expect(store.problems()).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/part of kind "hologram"/) }),
    ]);
    store.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(bytes);
  });
});
