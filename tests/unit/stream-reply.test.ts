import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultStreamTimings,
  streamReply,
  type ReplyProgress,
  type StreamReplyOptions,
} from '../../electron/services/streaming/stream-reply';
import { startTestServer, type TestServer } from '../support/openai-test-server';

/**
 * The streaming engine on its own, as chat and compare call it: the real `openai` client over real
 * HTTP to the test server, no store, no events. What a caller gets through the callbacks and the
 * result is the whole contract.
 */
let server: TestServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama' });
  // As the app's clients: retries are the engine's, never the SDK's.
  client = new OpenAI({ baseURL: server.url, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => server.close());
afterEach(() => {
  server.clearFaults();
  server.setTokensPerSecond(0);
});

function options(overrides: Partial<StreamReplyOptions> = {}): StreamReplyOptions {
  return {
    client,
    request: { model: 'llama3.2:1b', messages: [{ role: 'user', content: 'hello engine' }] },
    signal: new AbortController().signal,
    timings: defaultStreamTimings,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 },
    failure: { baseUrl: server.url, model: 'llama3.2:1b' },
    ...overrides,
  };
}

describe('streamReply', () => {
  it('hands over every piece, coalesced deltas flushed before it resolves, and the figures', async () => {
    const pieces: string[] = [];
    const deltas: string[] = [];
    const reply = await streamReply(
      options({
        // A window longer than the reply: the first delta goes at once, the rest in one flush.
        timings: { ...defaultStreamTimings, deltaIntervalMs: 60_000 },
        onPiece: (piece) => pieces.push('text' in piece ? piece.text : ''),
        onDelta: (delta) => deltas.push('text' in delta ? delta.text : ''),
      }),
    );
    expect(reply.outcome).toEqual({ kind: 'finished', finishReason: 'stop' });
    expect(reply.stream.text).toMatch(/^You said: hello engine\./);
    expect(pieces.join('')).toBe(reply.stream.text);
    expect(pieces.length).toBeGreaterThan(2);
    expect(deltas).toEqual([pieces[0], pieces.slice(1).join('')]);
    expect(reply.retries).toBe(0);
    expect(reply.usage?.completionTokens).toBeGreaterThan(0);
    expect(reply.metrics.usageEstimated).toBe(false);
    expect(reply.metrics.ttftMs).toBeDefined();
    expect(reply.metrics.totalMs).toBeDefined();
  });

  it('retries a 5xx before the first token, saying so through onProgress, and counts the retry', async () => {
    server.fail({ kind: 'status', status: 503 });
    const progress: ReplyProgress[] = [];
    const reply = await streamReply(options({ onProgress: (p) => progress.push(p) }));
    expect(reply.outcome.kind).toBe('finished');
    expect(progress.map((p) => [p.phase, p.attempt])).toEqual([
      ['waiting', 1],
      ['retrying', 2],
      ['waiting', 2],
    ]);
    expect(progress[1]?.maxAttempts).toBe(3);
    expect(progress[1]?.reason).toBeTruthy();
    expect(reply.retries).toBe(1);
    expect(reply.metrics.retries).toBe(1);
  });

  it("ends as cancelled on the caller's abort, keeping the partial text, all of it delivered", async () => {
    server.setTokensPerSecond(40);
    const stop = new AbortController();
    const deltas: string[] = [];
    const reply = await streamReply(
      options({
        signal: stop.signal,
        onPiece: () => stop.abort(),
        onDelta: (delta) => deltas.push('text' in delta ? delta.text : ''),
      }),
    );
    expect(reply.outcome).toEqual({ kind: 'cancelled' });
    expect(reply.stream.text.length).toBeGreaterThan(0);
    expect(deltas.join('')).toBe(reply.stream.text);
    // Text arrived but the server sent no usage: the figures say the count is ours.
    expect(reply.metrics.usageEstimated).toBe(true);
  });

  it('a backend that is not listening fails with its cause and fix', async () => {
    const reply = await streamReply(
      options({
        client: new OpenAI({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'x', maxRetries: 0 }),
        retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 20 },
        failure: { baseUrl: 'http://127.0.0.1:9/v1', model: 'llama3.2:1b' },
      }),
    );
    expect(reply.outcome.kind).toBe('failed');
    if (reply.outcome.kind !== 'failed') return;
    expect(reply.outcome.error.message).toBeTruthy();
    expect(reply.outcome.error.fix).toBeTruthy();
    expect(reply.usage).toBeUndefined();
  });
});
