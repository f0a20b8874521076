import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { AppHarness } from '../support/app-harness';
import { freePort } from '../support/free-port';
import { answerText } from '../../shared/domain/message-content';
import type { Message } from '../../shared/domain/conversation';

/** The answer text of a message ('' when there is no message), as Copy and the model get it. */
const text = (message: Pick<Message, 'parts'> | undefined) => (message ? answerText(message) : '');

/**
 * The chat path end to end in Node: the real `openai` client over real HTTP to a test server that
 * behaves like Ollama, the real router and chat service, real stores in a temp folder. Each fault
 * asserts what the user sees (the terminal event) and what is saved (a fresh store on the folder).
 */
let server: TestServer;
let app: AppHarness;

beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b', 'qwen2.5:0.5b'] });
});
afterAll(() => server.close());

const newApp = (chat: { idleTimeoutMs?: number; loadingNoticeMs?: number } = {}) => {
  app = new AppHarness({ backend: { baseUrl: server.url }, chat, store: { checkpointMs: 50 } });
  return app;
};
afterEach(async () => {
  server.clearFaults();
  server.setTokensPerSecond(0);
  await app?.close();
});

describe('a normal reply', () => {
  it('streams deltas in order, finishes with usage, and is saved with the user message', async () => {
    newApp();
    const { conversationId, streamId, end } = await app.ask('hello there');
    expect(end.type).toBe('finished');
    if (end.type !== 'finished') return;
    const events = app.streamEvents(streamId);
    expect(events[0]?.type).toBe('started');
    const deltas = events.flatMap((e) => (e.type === 'delta' ? [e] : []));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(deltas.map((d) => d.text).join('')).toBe(text(end.message));
    expect(text(end.message)).toMatch(/^You said: hello there\./);
    expect(end.message.status).toBe('complete');
    expect(end.message.finishReason).toBe('stop');
    expect(end.usage?.completionTokens).toBeGreaterThan(0);

    const saved = app.saved(conversationId);
    expect(saved?.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(text(saved?.messages[1])).toBe(text(end.message));
    expect(saved?.title).toBe('hello there');
  });

  it('asks for the usage chunk and sends the whole history on the next turn', async () => {
    newApp();
    const { conversationId } = await app.ask('first question');
    const { streamId } = await app.call('chat.send', { conversationId, text: 'second question' });
    await app.settled(streamId);
    const body = server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as {
      messages: { role: string; content: string }[];
      stream_options?: { include_usage?: boolean };
    };
    expect(body.stream_options?.include_usage).toBe(true);
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[2]?.content).toBe('second question');
  });

  it('takes the model from /v1/models when none is chosen, and remembers it', async () => {
    newApp();
    const defaultProfile = async () => {
      const list = await app.call('profiles.list');
      return list.profiles.find((p) => p.id === list.defaultProfileId);
    };
    expect((await defaultProfile())?.defaultModel).toBeUndefined();
    const { end } = await app.ask('which model?');
    expect(end.type).toBe('finished');
    expect((await defaultProfile())?.defaultModel).toBe('llama3.2:1b');
    expect(app.events.some((e) => e.name === 'profiles.changed')).toBe(true);
  });

  it('decodes multi-byte UTF-8 split across network chunks', async () => {
    newApp();
    server.fail({ kind: 'split-utf8' });
    const { conversationId, end } = await app.ask('unicode please');
    expect(end.type).toBe('finished');
    expect(end.type === 'finished' && text(end.message)).toContain('日本語 🚀');
    expect(end.type === 'finished' && text(end.message)).not.toContain('\uFFFD');
    expect(text(app.saved(conversationId)?.messages[1])).toContain('wörld');
  });
});

describe('cancel', () => {
  it('keeps the partial text marked cancelled, and a second cancel is a no-op', async () => {
    newApp();
    server.setTokensPerSecond(40);
    const { id: conversationId } = await app.call('conversations.create');
    const { streamId } = await app.call('chat.send', { conversationId, text: 'long answer' });
    await app.waitFor(() => app.streamEvents(streamId).some((e) => e.type === 'delta'));
    expect(await app.call('chat.cancel', { streamId })).toEqual({ cancelled: true });
    const end = await app.settled(streamId);
    expect(await app.call('chat.cancel', { streamId })).toEqual({ cancelled: false });
    expect(end.type).toBe('cancelled');
    if (end.type !== 'cancelled') return;
    expect(text(end.message).length).toBeGreaterThan(0);
    const saved = app.saved(conversationId)?.messages[1];
    expect(saved?.status).toBe('cancelled');
    expect(text(saved)).toBe(text(end.message));
    await app.waitFor(() => server.timings.at(-1)?.aborted === true);
  });

  it('cancels while the model is still loading (before headers)', async () => {
    newApp({ loadingNoticeMs: 100 });
    server.fail({ kind: 'cold-load', delayMs: 5_000 });
    const { id: conversationId } = await app.call('conversations.create');
    const { streamId } = await app.call('chat.send', { conversationId, text: 'hi' });
    await app.waitFor(() =>
      app.streamEvents(streamId).some((e) => e.type === 'progress' && e.phase === 'loading'),
    );
    await app.call('chat.cancel', { streamId });
    const end = await app.settled(streamId, 2_000);
    expect(end.type).toBe('cancelled');
  });
});

describe('faults', () => {
  it('a cold load says "loading" and then streams normally, without timing out', async () => {
    newApp({ loadingNoticeMs: 100 });
    server.fail({ kind: 'cold-load', delayMs: 800 });
    const { streamId, end } = await app.ask('wake up');
    expect(end.type).toBe('finished');
    expect(app.streamEvents(streamId).some((e) => e.type === 'progress' && e.phase === 'loading')).toBe(true);
  });

  it('a stall after headers is cut by the idle watchdog, keeping the partial text', async () => {
    newApp({ idleTimeoutMs: 300 });
    server.fail({ kind: 'stall-after-headers', afterTokens: 3 });
    const { conversationId, end } = await app.ask('stall');
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.error.code).toBe('stalled');
    expect(end.error.fix).toMatch(/Retry/);
    expect(end.message.status).toBe('incomplete');
    expect(text(end.message)).toMatch(/^You said/);
    expect(app.saved(conversationId)?.messages[1]).toMatchObject({
      status: 'incomplete',
      parts: end.message.parts,
    });
  });

  it('a reset mid-stream is reported as a broken connection, partial text kept, not retried', async () => {
    newApp();
    server.fail({ kind: 'reset-mid-stream', afterTokens: 4 });
    const before = server.timings.length;
    const { conversationId, end } = await app.ask('reset');
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.error.code).toBe('connection-lost');
    expect(end.message.status).toBe('incomplete');
    expect(text(end.message).length).toBeGreaterThan(0);
    expect(server.timings.length - before).toBe(1);
    expect(app.saved(conversationId)?.messages[1]?.status).toBe('incomplete');
  });

  it('EOF without [DONE] or finish_reason is incomplete, not a success', async () => {
    newApp();
    server.fail({ kind: 'eof-without-done', afterTokens: 5 });
    const { conversationId, end } = await app.ask('cut');
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.error.code).toBe('incomplete');
    expect(end.message.status).toBe('incomplete');
    expect(app.saved(conversationId)?.messages[1]?.error?.code).toBe('incomplete');
  });

  it("llama.cpp's in-band error line ends the reply as incomplete", async () => {
    newApp();
    server.fail({ kind: 'inband-error', afterTokens: 2, message: 'slot unavailable' });
    const { end } = await app.ask('inband');
    expect(end.type).toBe('failed');
    expect(end.type === 'failed' && end.message.status).toBe('incomplete');
  });

  it('a malformed chunk fails with a bad-response message', async () => {
    newApp();
    server.fail({ kind: 'malformed-chunk', afterTokens: 2 });
    const { end } = await app.ask('garbage');
    expect(end.type).toBe('failed');
    expect(end.type === 'failed' && end.error.code).toBe('bad-response');
  });

  it('a 5xx before the first token is retried visibly, then succeeds', async () => {
    newApp();
    server.fail({ kind: 'status', status: 500 }, 1);
    const { streamId, end } = await app.ask('flaky');
    expect(end.type).toBe('finished');
    const retrying = app
      .streamEvents(streamId)
      .filter((e) => e.type === 'progress' && e.phase === 'retrying');
    expect(retrying).toHaveLength(1);
    expect(retrying[0]).toMatchObject({ attempt: 2, maxAttempts: 3 });
  });

  it('a 5xx that persists fails after the retries with cause and fix', async () => {
    newApp();
    server.fail({ kind: 'status', status: 502 }, 3);
    const { conversationId, end } = await app.ask('down');
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.error).toMatchObject({ code: 'server-error', retryable: true });
    expect(end.error.message).toContain('502');
    expect(app.saved(conversationId)?.messages.map((m) => m.status)).toEqual(['complete', 'failed']);
  });

  it('429 waits for Retry-After before retrying', async () => {
    newApp();
    server.fail({ kind: 'status', status: 429, retryAfterSeconds: 1 }, 1);
    const { streamId, end } = await app.ask('busy');
    expect(end.type).toBe('finished');
    const retry = app.streamEvents(streamId).find((e) => e.type === 'progress' && e.phase === 'retrying');
    expect(retry?.type === 'progress' && retry.retryInMs).toBe(1000);
  });

  it('401 is not retried and says to fix the key', async () => {
    newApp();
    server.fail({ kind: 'status', status: 401 }, 1);
    const before = server.timings.length;
    const { end } = await app.ask('secret');
    expect(end.type === 'failed' && end.error.code).toBe('auth');
    expect(end.type === 'failed' && end.error.fix).toMatch(/API key/);
    expect(server.timings.length - before).toBe(1);
  });

  it('an unknown model on Ollama (404) suggests `ollama pull`', async () => {
    newApp();
    const { id: conversationId } = await app.call('conversations.create');
    const { defaultProfileId: profileId } = await app.call('profiles.list');
    await app.call('conversations.setBackend', { conversationId, profileId, model: 'mistral:7b' });
    const { streamId } = await app.call('chat.send', { conversationId, text: 'who are you' });
    const end = await app.settled(streamId);
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.error.code).toBe('model-not-found');
    expect(end.error.message).toContain('mistral:7b');
    expect(end.error.fix).toContain('ollama pull mistral:7b');
  });

  it('retry replaces the failed reply and answers once the fault is gone', async () => {
    newApp();
    server.fail({ kind: 'status', status: 401 }, 1);
    const { conversationId, end } = await app.ask('again');
    expect(end.type).toBe('failed');
    const { streamId } = await app.call('chat.retry', { conversationId });
    expect((await app.settled(streamId)).type).toBe('finished');
    expect(app.saved(conversationId)?.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });
});

describe('an unreachable backend', () => {
  it('fails at once with "nothing is listening" and how to start Ollama; the user message is kept', async () => {
    const port = await freePort();
    app = new AppHarness({ backend: { baseUrl: `http://127.0.0.1:${port}/v1`, model: 'llama3.2:1b' } });
    const before = Date.now();
    const { conversationId, end } = await app.ask('anyone?');
    // Refused is not retried behind the user's back: the message comes at once.
    expect(Date.now() - before).toBeLessThan(400);
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.error.code).toBe('backend-unreachable');
    expect(end.error.message).toContain(`http://127.0.0.1:${port}/v1`);
    expect(end.error.message).toContain('refused');
    expect(text(app.saved(conversationId)?.messages[0])).toBe('anyone?');
  });

  it('without a model it fails on model discovery with the same clear message', async () => {
    app = new AppHarness({ backend: { baseUrl: 'http://127.0.0.1:11434/v1' } });
    // Port 11434 is not listening on this machine: the fix names `ollama serve`.
    const { end } = await app.ask('hello?');
    expect(end.type === 'failed' && end.error.fix).toContain('ollama serve');
  });
});

describe('continue', () => {
  it('goes on from a cut-off reply, appending to the same message, without resending the hidden prompt as history', async () => {
    newApp();
    server.fail({ kind: 'eof-without-done', afterTokens: 3 });
    const { conversationId, end } = await app.ask('cut me off');
    expect(end.type === 'failed' && end.message.status).toBe('incomplete');
    const partial = end.type === 'failed' ? text(end.message) : '';
    server.setReply(() => ' and the rest.');
    const { streamId, replyId } = await app.call('chat.continue', { conversationId });
    const started = app.streamEvents(streamId).find((e) => e.type === 'started');
    expect(started?.type === 'started' && text({ parts: started.initialParts ?? [] })).toBe(partial);
    const done = await app.settled(streamId);
    expect(done.type).toBe('finished');
    expect(done.type === 'finished' && done.message).toMatchObject({ id: replyId, status: 'complete' });
    expect(done.type === 'finished' && text(done.message)).toBe(`${partial} and the rest.`);
    const body = server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as {
      messages: { role: string; content: string }[];
    };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[1]?.content).toBe(partial);
    expect(body.messages[2]?.content).toMatch(/^Continue your previous reply/);
    const saved = app.saved(conversationId)?.messages;
    expect(saved?.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(text(saved?.[1])).toBe(`${partial} and the rest.`);
    expect(saved?.[1]?.error).toBeUndefined();
    server.setReply(undefined);
  });

  it('refuses when the last reply is complete', async () => {
    newApp();
    const { conversationId } = await app.ask('all good');
    expect(await app.invoke('chat.continue', { conversationId })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});

describe('a cloud profile while offline', () => {
  it('fails at once saying the computer is offline, sending nothing', async () => {
    app = new AppHarness({
      backend: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
      network: { isOnline: () => false },
    });
    const { end } = await app.ask('anyone out there?');
    expect(end.type === 'failed' && end.error).toMatchObject({
      code: 'offline',
      message: expect.stringMatching(/offline/),
    });
  });
});
