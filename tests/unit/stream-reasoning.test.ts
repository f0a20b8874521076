import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultStreamTimings,
  streamReply,
  type ReplyDelta,
  type StreamReplyOptions,
} from '../../electron/services/streaming/stream-reply';
import {
  DEFAULT_SENTENCE,
  SPLIT_UTF8_TEXT,
  startTestServer,
  type Flavor,
  type ReasoningOptions,
  type TestServer,
} from '../support/openai-test-server';

/**
 * Reasoning through the whole engine: the real `openai` client over real HTTP to the test server
 * in each server's spelling. What the caller gets (pieces, coalesced deltas, the result and its
 * figures) is what chat and compare build reasoning parts from.
 */
const THOUGHT = 'The user greets me. I should greet them back, briefly.';
const ANSWER = `You said: hi. ${DEFAULT_SENTENCE}`;
const servers: TestServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(flavor: Flavor, reasoning?: ReasoningOptions, tps = 0): Promise<TestServer> {
  const server = await startTestServer({ flavor, tokensPerSecond: tps, ...(reasoning ? { reasoning } : {}) });
  servers.push(server);
  return server;
}

interface Recorded {
  pieces: ReplyDelta[];
  deltas: ReplyDelta[];
}

/** Streams one reply from `server`, recording every piece and every coalesced delta. */
async function stream(server: TestServer, overrides: Partial<StreamReplyOptions> = {}) {
  const model = 'llama3.2:1b';
  const recorded: Recorded = { pieces: [], deltas: [] };
  const reply = await streamReply({
    client: new OpenAI({ baseURL: server.url, apiKey: 'x', maxRetries: 0 }),
    request: { model, messages: [{ role: 'user', content: 'hi' }] },
    signal: new AbortController().signal,
    // A window longer than the reply: the first delta goes at once, the rest when flushed.
    timings: { ...defaultStreamTimings, deltaIntervalMs: 60_000 },
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 },
    failure: { baseUrl: server.url, model },
    onPiece: (piece) => recorded.pieces.push({ ...piece }),
    onDelta: (delta) => recorded.deltas.push({ ...delta }),
    ...overrides,
  });
  return { reply, ...recorded };
}

/** The pieces applied in order, as a caller builds parts: a retag turns the answer so far into reasoning. */
function applied(pieces: readonly ReplyDelta[]): { text: string; reasoning: string } {
  let text = '';
  let reasoning = '';
  for (const piece of pieces) {
    if (piece.kind === 'retag') {
      reasoning += text;
      text = '';
    } else if (piece.kind === 'text') text += piece.text;
    else if (piece.kind === 'reasoning') reasoning += piece.text;
  }
  return { text, reasoning };
}

describe('reasoning in the stream', () => {
  it.each([
    ['ollama', 'reasoning'],
    ['vllm', 'reasoning'],
    ['llamacpp', 'reasoning_content'],
    ['litellm', 'reasoning_content'],
    ['openai', 'thinking'],
  ] as const)(
    '%s with a `%s` field: reasoning first, then the answer, kinds never merged',
    async (flavor, style) => {
      const server = await serve(flavor, { style, text: THOUGHT });
      const { reply, pieces, deltas } = await stream(server);
      expect(reply.outcome).toEqual({ kind: 'finished', finishReason: 'stop' });
      expect(reply.reasoning).toBe(THOUGHT);
      expect(reply.text).toBe(ANSWER);
      expect(reply.stream.reasoning).toBe(THOUGHT);
      expect(reply.endedInReasoning).toBe(false);
      expect(pieces.length).toBeGreaterThan(10);
      expect(applied(pieces)).toEqual({ text: ANSWER, reasoning: THOUGHT });
      // The first piece at once, then the rest of the reasoning and the answer, each whole.
      expect(deltas).toEqual([
        { kind: 'reasoning', text: 'The' },
        { kind: 'reasoning', text: THOUGHT.slice(3) },
        { kind: 'text', text: ANSWER },
      ]);
    },
  );

  it('<think> tags at the start, each tag split over two events: reasoning without tags, answer trimmed', async () => {
    const server = await serve('ollama', { style: 'think-tags', text: THOUGHT, splitTags: true });
    const { reply, pieces } = await stream(server);
    expect(reply.reasoning).toBe(THOUGHT);
    expect(reply.text).toBe(ANSWER);
    expect(pieces.some((p) => p.kind === 'retag')).toBe(false);
    expect(pieces.map((p) => ('text' in p ? p.text : '')).join('')).not.toMatch(/<|>/);
  });

  it('a missing opening tag: the answer so far is retagged when </think> arrives, after what was pending', async () => {
    const server = await serve('llamacpp', { style: 'think-open', text: THOUGHT });
    const { reply, pieces, deltas } = await stream(server);
    expect(reply.reasoning).toBe(THOUGHT);
    expect(reply.text).toBe(ANSWER);
    expect(reply.endedInReasoning).toBe(false);
    const retagAt = pieces.findIndex((p) => p.kind === 'retag');
    expect(applied(pieces.slice(0, retagAt))).toEqual({ text: THOUGHT, reasoning: '' });
    expect(applied(pieces)).toEqual({ text: ANSWER, reasoning: THOUGHT });
    // Coalesced: the pending text goes out before the retag, the retag at once, then the answer.
    expect(deltas).toEqual([
      { kind: 'text', text: 'The' },
      { kind: 'text', text: THOUGHT.slice(3) },
      { kind: 'retag' },
      { kind: 'text', text: ANSWER },
    ]);
    // The text that turned out to be reasoning came first: so did its time.
    const { metrics } = reply;
    expect(metrics.firstReasoningAt).toBe(metrics.firstTokenAt);
    expect(metrics.firstAnswerAt).toBeGreaterThan(metrics.firstReasoningAt ?? Infinity);
  });

  it('a literal <think> in the middle of a reply is ordinary text, and so is a closing tag after it', async () => {
    const server = await serve('ollama');
    const literal = 'Wrap it as <think>your notes</think> and go on.';
    server.setReply(() => literal);
    const { reply, pieces } = await stream(server);
    expect(reply.text).toBe(literal);
    expect(reply.reasoning).toBe('');
    expect(pieces.every((p) => p.kind === 'text')).toBe(true);
    expect(reply.metrics.firstReasoningAt).toBeUndefined();
  });

  it.each(['reasoning_content', 'think-tags'] as const)(
    'reasoning (%s) split across chunks inside multi-byte characters and emoji arrives whole',
    async (style) => {
      const thought = 'Überlege: 日本語, naïve 🚀 — ✓ done 👩‍💻';
      const server = await serve('llamacpp', { style, text: thought });
      server.fail({ kind: 'split-utf8' });
      const { reply } = await stream(server);
      expect(reply.outcome.kind).toBe('finished');
      expect(reply.reasoning).toBe(thought);
      expect(reply.text).toBe(SPLIT_UTF8_TEXT);
      expect(reply.text + reply.reasoning).not.toContain('\uFFFD');
    },
  );

  it.each(['reasoning', 'think-tags'] as const)(
    'a reply cut off while thinking (%s) keeps the reasoning and says it ended in it',
    async (style) => {
      const server = await serve('ollama', { style, text: THOUGHT, cutOff: true });
      const { reply, deltas } = await stream(server);
      expect(reply.outcome).toEqual({ kind: 'finished', finishReason: 'length' });
      expect(reply.endedInReasoning).toBe(true);
      expect(reply.reasoning).toBe(THOUGHT);
      expect(reply.text).toBe('');
      expect(reply.metrics.firstAnswerAt).toBeUndefined();
      expect(deltas.every((d) => d.kind === 'reasoning')).toBe(true);
    },
  );

  it('cut off before the closing tag of a tag opened in the prompt, the thinking can only read as the answer', async () => {
    // Nothing in the stream tells it apart from an answer: it stays one, not lost.
    const server = await serve('ollama', { style: 'think-open', text: THOUGHT, cutOff: true });
    const { reply } = await stream(server);
    expect(reply.outcome).toEqual({ kind: 'finished', finishReason: 'length' });
    expect(reply.text).toBe(THOUGHT);
    expect(reply.endedInReasoning).toBe(false);
  });

  it('max_tokens reached while thinking ends the reply in its reasoning', async () => {
    const server = await serve('litellm', { style: 'reasoning_content', text: THOUGHT });
    const { reply } = await stream(server, {
      request: { model: 'llama3.2:1b', messages: [{ role: 'user', content: 'hi' }], maxTokens: 3 },
    });
    expect(reply.outcome).toEqual({ kind: 'finished', finishReason: 'length' });
    expect(reply.reasoning).toBe('The user greets');
    expect(reply.endedInReasoning).toBe(true);
    expect(reply.usage?.reasoningTokens).toBe(3);
  });

  it('a stream broken after reasoning arrived is not retried: someone has read it', async () => {
    const server = await serve('ollama', { style: 'reasoning', text: THOUGHT });
    server.fail({ kind: 'reset-mid-stream', afterTokens: 2 }, 3);
    const { reply } = await stream(server);
    expect(reply.outcome.kind).toBe('failed');
    expect(reply.retries).toBe(0);
    expect(reply.reasoning).toBe('The user');
    expect(reply.endedInReasoning).toBe(true);
    expect(server.timings).toHaveLength(1);
  });
});

describe('reasoning figures', () => {
  it('time to first reasoning token and to first answer token, and reasoning tokens from usage', async () => {
    const server = await serve('litellm', { style: 'reasoning_content', text: THOUGHT }, 200);
    const { reply } = await stream(server);
    const { metrics, usage } = reply;
    expect(metrics.ttfrMs).toBeDefined();
    expect(metrics.ttfaMs).toBeGreaterThan(metrics.ttfrMs ?? Infinity);
    expect(metrics.ttftMs).toBe(metrics.ttfrMs);
    const thoughtTokens = THOUGHT.split(' ').length;
    expect(usage?.reasoningTokens).toBe(thoughtTokens);
    expect(usage?.completionTokens).toBe(thoughtTokens + ANSWER.split(' ').length);
    expect(metrics.usageEstimated).toBe(false);
  });

  it("OpenAI's hidden reasoning: no reasoning text, its tokens in usage, the answer's first token timed", async () => {
    const server = await serve('openai', { style: 'hidden', text: THOUGHT });
    const { reply } = await stream(server);
    expect(reply.reasoning).toBe('');
    expect(reply.text).toBe(ANSWER);
    expect(reply.usage?.reasoningTokens).toBe(THOUGHT.split(' ').length);
    expect(reply.metrics.ttfrMs).toBeUndefined();
    expect(reply.metrics.ttfaMs).toBe(reply.metrics.ttftMs);
  });

  it('with no usage from the server, the estimate counts reasoning as completion tokens', async () => {
    const server = await serve('ollama', { style: 'reasoning', text: THOUGHT });
    server.setOmitUsage(true);
    const withReasoning = (await stream(server)).reply;
    server.setReasoning(undefined);
    const without = (await stream(server)).reply;
    expect(withReasoning.metrics.usageEstimated).toBe(true);
    expect(withReasoning.usage?.reasoningTokens).toBeGreaterThan(0);
    // Counted over reasoning and answer at once: within a token or two of the sum of the parts.
    const sum = (without.usage?.completionTokens ?? 0) + (withReasoning.usage?.reasoningTokens ?? 0);
    expect(Math.abs((withReasoning.usage?.completionTokens ?? 0) - sum)).toBeLessThanOrEqual(2);
    expect(withReasoning.usage?.completionTokens).toBeGreaterThan((without.usage?.completionTokens ?? 0) + 5);
  });
});

describe('reasoning effort', () => {
  it('is sent as reasoning_effort only when set', async () => {
    const server = await serve('ollama');
    const messages = [{ role: 'user' as const, content: 'hi' }];
    await stream(server, { request: { model: 'llama3.2:1b', messages, reasoningEffort: 'high' } });
    await stream(server, { request: { model: 'llama3.2:1b', messages } });
    await stream(server, { request: { model: 'llama3.2:1b', messages, reasoningEffort: 'none' } });
    const bodies = server.requests.map((r) => r.body as Record<string, unknown>);
    expect(bodies[0]?.reasoning_effort).toBe('high');
    expect(bodies[1]).not.toHaveProperty('reasoning_effort');
    expect(bodies[2]?.reasoning_effort).toBe('none');
  });
});
