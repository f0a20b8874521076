import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatStreamEvent } from '../../shared/contract/chat-stream';
import { answerText } from '../../shared/domain/message-content';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';

/**
 * Edit and resend through the real router, chat service and stores on disk: the edited message and
 * every later turn become version 1 of that turn (no trash item: nothing is lost), the new text is
 * sent like a new message, and showing version 1 gives the conversation as it was.
 */
let app: AppHarness;
let server: TestServer;

beforeEach(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b'] });
  app = new AppHarness({ backend: { baseUrl: server.url, model: 'llama3.2:1b' } });
});

afterEach(async () => {
  await app.close();
  await server.close();
});

const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
const lastRequestMessages = () =>
  (chatRequests().at(-1)?.body as { messages: { role: string; content: string }[] }).messages;

async function say(conversationId: string, text: string) {
  const { streamId, userMessage } = await app.call('chat.send', { conversationId, text });
  const end = await app.settled(streamId);
  expect(end.type).toBe('finished');
  return userMessage;
}

describe('chat.editAndResend', () => {
  it('replaces the edited message and the turns after it; the old ones stay as version 1 of the turn', async () => {
    const { id } = await app.call('conversations.create');
    await say(id, 'First question');
    const second = await say(id, 'Second question');
    await say(id, 'Third question');
    const before = await app.call('conversations.get', { id });
    expect(before.messages).toHaveLength(6);

    const { streamId, userMessage, replyId } = await app.call('chat.editAndResend', {
      conversationId: id,
      messageId: second.id,
      text: 'Second question, edited',
    });
    expect(userMessage).toMatchObject({ role: 'user' });
    expect(answerText(userMessage)).toBe('Second question, edited');
    const end = await app.settled(streamId);
    expect(end).toMatchObject({ type: 'finished', message: { id: replyId } });

    // The started event tells other windows what to drop and what to add.
    const started = app.streamEvents(streamId).find((e) => e.type === 'started');
    expect(started).toMatchObject({ truncatedFrom: second.id, userMessage: { id: userMessage.id } });

    const after = await app.call('conversations.get', { id });
    expect(after.messages.map((m) => answerText(m).slice(0, 40))).toEqual([
      'First question',
      answerText(before.messages[1]!).slice(0, 40),
      'Second question, edited',
      expect.stringContaining('You said: Second question, edited'),
    ]);
    // The request held the turns before the edit and the edited text, nothing of the replaced turns.
    expect(lastRequestMessages().map((m) => m.content)).toEqual([
      'First question',
      answerText(before.messages[1]!),
      'Second question, edited',
    ]);
    // And it survives a restart.
    expect(app.saved(id)?.messages.map((m) => m.id)).toEqual(after.messages.map((m) => m.id));

    // Nothing goes to the trash any more: the old turns are version 1 of the edited turn.
    expect(await app.call('trash.list')).toEqual([]);
    expect(userMessage.versions).toEqual({ shown: 1, others: [before.messages.slice(2)] });
    const earlier = await app.call('chat.showVersion', {
      conversationId: id,
      messageId: userMessage.id,
      version: 0,
    });
    expect(earlier.messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));
    expect(earlier.messages[2]?.versions?.shown).toBe(0);
  });

  it('keeps the system prompt when it sat after the edited message', async () => {
    const { id } = await app.call('conversations.create');
    const first = await say(id, 'Plan my week');
    await app.call('conversations.setSystemPrompt', {
      conversationId: id,
      prompt: 'You are TaskMaster, a helpful task management assistant.',
      presetId: 'builtin-taskmaster',
    });
    const { streamId } = await app.call('chat.editAndResend', {
      conversationId: id,
      messageId: first.id,
      text: 'Plan my month',
    });
    await app.settled(streamId);
    const after = await app.call('conversations.get', { id });
    expect(after.messages.map((m) => [m.role, answerText(m).slice(0, 24)])).toEqual([
      ['system', 'You are TaskMaster, a he'],
      ['user', 'Plan my month'],
      ['assistant', 'You said: Plan my month.'],
    ]);
    expect(lastRequestMessages()[0]).toEqual({
      role: 'system',
      content: 'You are TaskMaster, a helpful task management assistant.',
    });
  });

  it('is refused while a reply streams, and for a message that is not the user’s', async () => {
    const { id } = await app.call('conversations.create');
    const first = await say(id, 'Hello');
    const reply = (await app.call('conversations.get', { id })).messages[1]!;

    const notMine = await app.invoke('chat.editAndResend', {
      conversationId: id,
      messageId: reply.id,
      text: 'Rewritten reply',
    });
    expect(notMine).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await app.invoke('chat.editAndResend', {
      conversationId: id,
      messageId: 'no-such-message',
      text: 'x',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const empty = await app.invoke('chat.editAndResend', {
      conversationId: id,
      messageId: first.id,
      text: ' ',
    });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    server.setTokensPerSecond(20);
    const { streamId } = await app.call('chat.send', { conversationId: id, text: 'A slow one' });
    const busy = await app.invoke('chat.editAndResend', {
      conversationId: id,
      messageId: first.id,
      text: 'Hello again',
    });
    expect(busy).toMatchObject({ ok: false, error: { code: 'busy' } });
    await app.call('chat.cancel', { streamId });
    await app.settled(streamId);

    // Nothing was replaced by the refused edits.
    expect(await app.call('trash.list')).toEqual([]);
    const events = app.events
      .filter((e) => e.name === 'chat.stream')
      .map((e) => e.payload as ChatStreamEvent);
    expect(events.some((e) => e.type === 'started' && e.truncatedFrom !== undefined)).toBe(false);
    expect(
      (await app.call('conversations.get', { id })).messages.map((m) => answerText(m).slice(0, 10)),
    ).toEqual(['Hello', 'You said: ', 'A slow one', expect.any(String)]);
  });
});
