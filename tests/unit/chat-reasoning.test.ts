import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerText, reasoningText } from '../../shared/domain/message-content';
import type { ReasoningEffort } from '../../shared/domain/reasoning-effort';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type ReasoningStyle, type TestServer } from '../support/openai-test-server';

/**
 * Reasoning replies through the real router, chat service and store on disk, over HTTP to the test
 * server in each server's spelling: reasoning is kept apart and never sent back, a reply cut off
 * while thinking says so, the reasoning effort goes only when set, and retry, edit and continue
 * work on parts. What the server received is asserted from its recorded request bodies.
 */
let server: TestServer;
let app: AppHarness;

const THOUGHT = 'The user wants a greeting. Keep it short; mention nothing secret like PINEAPPLE.';
const ANSWER = 'Hello there, good to see you.';

type Sent = { role: string; content: string };
type Body = { messages: Sent[]; reasoning_effort?: string };

beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['qwen3:0.6b'] });
});
afterAll(() => server.close());
afterEach(async () => {
  server.setReasoning(undefined);
  server.setReply(undefined);
  server.clearFaults();
  await app?.close();
});

const newApp = () => {
  app = new AppHarness({ backend: { baseUrl: server.url, model: 'qwen3:0.6b' } });
  return app;
};
const requests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
const lastBody = () => requests().at(-1)?.body as Body;

async function send(conversationId: string, text: string) {
  const { streamId } = await app.call('chat.send', { conversationId, text });
  return app.settled(streamId);
}

const styles: ReasoningStyle[] = ['reasoning', 'reasoning_content', 'thinking', 'think-tags', 'think-open'];

describe('the history sent back', () => {
  it.each(styles)('%s: holds the answers only, never the reasoning', async (style) => {
    newApp();
    server.setReply(() => ANSWER);
    server.setReasoning({ style, text: THOUGHT });
    const { conversationId, end } = await app.ask('greet me');
    expect(end.type).toBe('finished');
    const saved = app.saved(conversationId)?.messages[1];
    expect(saved && reasoningText(saved).trim()).toBe(THOUGHT);
    expect(saved && answerText(saved)).toBe(ANSWER);

    await send(conversationId, 'again');
    const sent = lastBody().messages;
    expect(sent).toEqual([
      { role: 'user', content: 'greet me' },
      { role: 'assistant', content: ANSWER },
      { role: 'user', content: 'again' },
    ]);
    expect(JSON.stringify(lastBody())).not.toMatch(/PINEAPPLE|<think>|<\/think>/);
  });
});

describe('a reply cut off while thinking', () => {
  it.each(['reasoning', 'think-tags'] as const)(
    '%s: kept as incomplete reasoning, and the user is told the model stopped while thinking',
    async (style) => {
      newApp();
      server.setReasoning({ style, text: THOUGHT, cutOff: true });
      const { conversationId, end } = await app.ask('think forever');
      expect(end.type).toBe('failed');
      if (end.type !== 'failed') return;
      expect(end.message.status).toBe('incomplete');
      expect(end.error).toMatchObject({
        code: 'incomplete',
        message: expect.stringMatching(/stopped while/),
      });
      expect(end.message.parts).toEqual([
        expect.objectContaining({ type: 'reasoning', incomplete: true, durationMs: expect.any(Number) }),
      ]);
      expect(reasoningText(end.message).trim()).toBe(THOUGHT);
      expect(answerText(end.message)).toBe('');
      const saved = app.saved(conversationId)?.messages[1];
      expect(saved).toMatchObject({ status: 'incomplete', error: { code: 'incomplete' } });
      expect(saved?.parts).toEqual(end.message.parts);

      // Nothing of it goes back to the model, and it cannot be continued (Retry asks again).
      server.setReasoning(undefined);
      expect(await app.invoke('chat.continue', { conversationId })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
      await send(conversationId, 'and now?');
      expect(lastBody().messages).toEqual([
        { role: 'user', content: 'think forever' },
        { role: 'user', content: 'and now?' },
      ]);
    },
  );
});

describe('reasoning effort', () => {
  async function setProfileEffort(effort: ReasoningEffort | undefined) {
    const { defaultProfileId } = await app.call('profiles.list');
    await app.call('profiles.update', {
      id: defaultProfileId,
      patch: { params: effort ? { reasoningEffort: effort } : {} },
    });
  }

  it('is sent only when set, and the conversation’s choice overrides the profile’s', async () => {
    newApp();
    const { id: conversationId } = await app.call('conversations.create');
    await send(conversationId, 'one');
    expect(lastBody()).not.toHaveProperty('reasoning_effort');

    await setProfileEffort('low');
    await send(conversationId, 'two');
    expect(lastBody().reasoning_effort).toBe('low');

    const summary = await app.call('conversations.setReasoningEffort', {
      conversationId,
      reasoningEffort: 'high',
    });
    expect(summary.reasoningEffort).toBe('high');
    await send(conversationId, 'three');
    expect(lastBody().reasoning_effort).toBe('high');
    expect(app.saved(conversationId)?.reasoningEffort).toBe('high');

    await app.call('conversations.setReasoningEffort', { conversationId, reasoningEffort: null });
    await send(conversationId, 'four');
    expect(lastBody().reasoning_effort).toBe('low');

    await setProfileEffort(undefined);
    await send(conversationId, 'five');
    expect(lastBody()).not.toHaveProperty('reasoning_effort');
  });

  it('a bad value or an unknown conversation is refused with the cause', async () => {
    newApp();
    const { id: conversationId } = await app.call('conversations.create');
    expect(
      await app.invoke('conversations.setReasoningEffort', {
        conversationId,
        reasoningEffort: 'extreme' as ReasoningEffort,
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(
      await app.invoke('conversations.setReasoningEffort', {
        conversationId: 'nope',
        reasoningEffort: 'low',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('retry, edit and continue on parts', () => {
  it('retry replaces a reasoning reply; edit and resend sends earlier answers without their reasoning', async () => {
    newApp();
    server.setReply(() => ANSWER);
    server.setReasoning({ style: 'reasoning_content', text: THOUGHT });
    const { conversationId, end: first } = await app.ask('first');
    const second = await app.call('chat.send', { conversationId, text: 'second' });
    await app.settled(second.streamId);

    const { streamId, replyId } = await app.call('chat.retry', { conversationId });
    const retried = await app.settled(streamId);
    expect(retried).toMatchObject({ type: 'finished', message: { id: replyId } });
    expect(app.streamEvents(streamId)[0]).toMatchObject({ type: 'started', replaces: expect.any(String) });
    expect(lastBody().messages.map((m) => m.content)).toEqual(['first', ANSWER, 'second']);
    const afterRetry = app.saved(conversationId)!.messages;
    expect(afterRetry).toHaveLength(4);
    expect(afterRetry[3]?.parts.map((p) => p.type)).toEqual(['reasoning', 'text']);

    const edit = await app.call('chat.editAndResend', {
      conversationId,
      messageId: second.userMessage.id,
      text: 'second, edited',
    });
    await app.settled(edit.streamId);
    expect(lastBody().messages).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: first.type === 'finished' ? answerText(first.message) : '' },
      { role: 'user', content: 'second, edited' },
    ]);
  });

  it('continue: starts from the reply’s parts, sends only its answer, and appends a new text part', async () => {
    newApp();
    server.setReply(() => 'one two three four five six seven eight nine ten');
    server.setReasoning({ style: 'reasoning', text: 'Counting is easy.' });
    // Cut after the reasoning and a few words of the answer.
    server.fail({ kind: 'eof-without-done', afterTokens: 7 });
    const { conversationId, end } = await app.ask('count');
    expect(end.type === 'failed' && end.message.status).toBe('incomplete');
    if (end.type !== 'failed') return;
    const partial = answerText(end.message);
    expect(partial.length).toBeGreaterThan(0);
    expect(end.message.parts.map((p) => [p.type, p.id])).toEqual([
      ['reasoning', 'r1'],
      ['text', 't1'],
    ]);

    server.setReasoning(undefined);
    server.setReply(() => ' and the rest.');
    const { streamId } = await app.call('chat.continue', { conversationId });
    const started = app.streamEvents(streamId)[0];
    expect(started?.type === 'started' && started.initialParts).toEqual(end.message.parts);
    const done = await app.settled(streamId);
    expect(done.type).toBe('finished');
    if (done.type !== 'finished') return;
    expect(done.message.parts.slice(0, 2)).toEqual(end.message.parts);
    expect(done.message.parts[2]).toEqual({ type: 'text', id: 't2', text: ' and the rest.' });
    expect(answerText(done.message)).toBe(`${partial} and the rest.`);
    const sent = lastBody().messages;
    expect(sent[1]).toEqual({ role: 'assistant', content: partial });
    expect(JSON.stringify(sent)).not.toContain('Counting is easy');
    expect(app.saved(conversationId)?.messages[1]?.parts).toEqual(done.message.parts);
  });
});
