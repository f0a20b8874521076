import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { AppHarness } from '../support/app-harness';

/**
 * Reply details: every assistant message keeps its timings, usage (the server's, or our estimate
 * marked as such) and retries, on every outcome, and they are saved with it. Real HTTP to the test
 * server, the real chat service and store.
 */
let server: TestServer;
let app: AppHarness;

beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b'] });
});
afterAll(() => server.close());
afterEach(async () => {
  server.clearFaults();
  server.setTokensPerSecond(0);
  server.setOmitUsage(false);
  await app?.close();
});

const newApp = () => {
  app = new AppHarness({ backend: { baseUrl: server.url, model: 'llama3.2:1b' } });
  return app;
};

describe('reply metrics', () => {
  it('a finished reply has TTFT, total time, a rate near the server’s, and the server’s usage', async () => {
    newApp();
    server.setTokensPerSecond(100);
    const { conversationId, end } = await app.ask('time me');
    expect(end.type).toBe('finished');
    if (end.type !== 'finished') return;
    const { metrics, usage } = end.message;
    const timing = server.timings.at(-1)!;
    expect(usage?.completionTokens).toBe(timing.tokens);
    expect(metrics).toMatchObject({ retries: 0, usageEstimated: false });
    expect(metrics?.firstTokenAt).toBeGreaterThanOrEqual(metrics!.requestedAt);
    expect(metrics?.finishedAt).toBeGreaterThanOrEqual(metrics!.firstTokenAt!);
    expect(metrics?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(metrics?.totalMs).toBeGreaterThan(metrics!.ttftMs!);
    // The server paces 100 tokens/s; what we measure is of that order (CI machines are noisy).
    expect(metrics?.tokensPerSecond).toBeGreaterThan(30);
    expect(metrics?.tokensPerSecond).toBeLessThan(300);
    // Generation alone took (tokens - 1) / 100 s, so the total cannot be shorter.
    expect(metrics!.totalMs!).toBeGreaterThanOrEqual(((timing.tokens - 1) / 100) * 1000 * 0.9);
    expect(end.message.responseId).toMatch(/^chatcmpl-/);
    expect(end.message.model).toBe('llama3.2:1b');
    expect(app.saved(conversationId)?.messages[1]?.metrics).toEqual(metrics);
  });

  it('without usage from the server, counts are estimated with our tokenizer and marked so', async () => {
    newApp();
    server.setOmitUsage(true);
    server.setTokensPerSecond(200);
    const { conversationId, end } = await app.ask('no usage please');
    expect(end.type).toBe('finished');
    if (end.type !== 'finished') return;
    expect(end.message.metrics?.usageEstimated).toBe(true);
    const usage = end.message.usage!;
    expect(usage.promptTokens).toBeGreaterThan(0);
    expect(usage.completionTokens).toBeGreaterThan(0);
    expect(usage.totalTokens).toBe(usage.promptTokens + usage.completionTokens);
    // The test server streams one word per event; a BPE count of the same text is close to it.
    const words = server.timings.at(-1)!.tokens;
    expect(usage.completionTokens).toBeGreaterThanOrEqual(words * 0.7);
    expect(usage.completionTokens).toBeLessThanOrEqual(words * 2);
    expect(end.message.metrics?.tokensPerSecond).toBeGreaterThan(0);
    expect(app.saved(conversationId)?.messages[1]?.metrics?.usageEstimated).toBe(true);
  });

  it('a reply retried before its first token counts the retry and times the last attempt', async () => {
    newApp();
    server.fail({ kind: 'status', status: 500 }, 1);
    const { end } = await app.ask('flaky');
    expect(end.type).toBe('finished');
    if (end.type !== 'finished') return;
    const metrics = end.message.metrics!;
    expect(metrics.retries).toBe(1);
    // requestedAt is the second attempt's: after the first one was answered with 500.
    const [first, second] = server.timings.slice(-2);
    expect(second!.requestAt).toBeGreaterThan(first!.requestAt);
    expect(metrics.requestedAt).toBeGreaterThan(first!.endedAt! - 1);
  });

  it('a failed reply has metrics without a first token', async () => {
    newApp();
    server.fail({ kind: 'status', status: 401 }, 1);
    const { conversationId, end } = await app.ask('secret');
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    const metrics = end.message.metrics!;
    expect(metrics).toMatchObject({ retries: 0, usageEstimated: false });
    expect(metrics.firstTokenAt).toBeUndefined();
    expect(metrics.ttftMs).toBeUndefined();
    expect(metrics.tokensPerSecond).toBeUndefined();
    expect(metrics.totalMs).toBeGreaterThanOrEqual(0);
    expect(end.message.usage).toBeUndefined();
    expect(app.saved(conversationId)?.messages[1]?.metrics).toEqual(metrics);
  });

  it('a cancelled reply keeps its timings and an estimate of what arrived', async () => {
    newApp();
    server.setTokensPerSecond(40);
    const { id: conversationId } = await app.call('conversations.create');
    const { streamId } = await app.call('chat.send', { conversationId, text: 'long answer' });
    await app.waitFor(() => app.streamEvents(streamId).filter((e) => e.type === 'delta').length >= 3);
    await app.call('chat.cancel', { streamId });
    const end = await app.settled(streamId);
    expect(end.type).toBe('cancelled');
    if (end.type !== 'cancelled') return;
    const metrics = end.message.metrics!;
    expect(metrics.firstTokenAt).toBeDefined();
    expect(metrics.finishedAt).toBeDefined();
    // An interrupted stream never gets the server's usage chunk.
    expect(metrics.usageEstimated).toBe(true);
    expect(end.message.usage?.completionTokens).toBeGreaterThan(0);
  });

  it('a reply that could not start (backend offline) still says how long it took to fail', async () => {
    app = new AppHarness({
      backend: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
      network: { isOnline: () => false },
    });
    const { end } = await app.ask('anyone?');
    expect(end.type).toBe('failed');
    expect(end.type === 'failed' && end.message.metrics).toMatchObject({ retries: 0, usageEstimated: false });
    expect(end.type === 'failed' && end.message.metrics?.firstTokenAt).toBeUndefined();
  });
});
