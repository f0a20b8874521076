import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SENTENCE,
  splitTokens,
  startTestServer,
  type Flavor,
  type ReasoningOptions,
  type TestServer,
} from '../support/openai-test-server';

/**
 * The test server's reasoning replies on the wire, as each real server writes them (the engine's
 * reading of them is in stream-reasoning.test.ts): raw SSE, so nothing the SDK does hides a field.
 */
const THOUGHT = 'First I think, then I answer.';
const ANSWER = `You said: hello. ${DEFAULT_SENTENCE}`;
const servers: TestServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(flavor: Flavor, reasoning?: ReasoningOptions): Promise<TestServer> {
  const server = await startTestServer({ flavor, ...(reasoning ? { reasoning } : {}) });
  servers.push(server);
  return server;
}

type Chunk = {
  choices: { delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: Record<string, unknown> | null;
};

/** POSTs a chat request and returns the parsed `data:` events (without [DONE]) or the JSON body. */
async function chat(server: TestServer, stream: boolean): Promise<Chunk[] | Record<string, unknown>> {
  const response = await fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'llama3.2:1b',
      messages: [{ role: 'user', content: 'hello' }],
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
    }),
  });
  const body = await response.text();
  if (!stream) return JSON.parse(body) as Record<string, unknown>;
  return body
    .split('\n\n')
    .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
    .map((event) => JSON.parse(event.slice(6)) as Chunk);
}

const deltas = (chunks: Chunk[]) => chunks.flatMap((c) => (c.choices[0] ? [c.choices[0].delta] : []));
const field = (chunks: Chunk[], name: string) =>
  deltas(chunks)
    .map((d) => (typeof d[name] === 'string' ? d[name] : ''))
    .join('');
const usageOf = (chunks: Chunk[]) => chunks.find((c) => c.usage)?.usage;

describe('test server reasoning replies', () => {
  it('Ollama: one `reasoning` event per word, each with the role and empty content, then the answer', async () => {
    const server = await serve('ollama', { style: 'reasoning', text: THOUGHT });
    const chunks = (await chat(server, true)) as Chunk[];
    const thinking = deltas(chunks).filter((d) => d.reasoning);
    expect(thinking.map((d) => d.reasoning)).toEqual(splitTokens(THOUGHT));
    expect(thinking.every((d) => d.role === 'assistant' && d.content === '')).toBe(true);
    expect(field(chunks, 'reasoning')).toBe(THOUGHT);
    expect(field(chunks, 'content')).toBe(ANSWER);
    // Ollama does not report reasoning tokens; they are in the completion count.
    expect(usageOf(chunks)).not.toHaveProperty('completion_tokens_details');
    expect(usageOf(chunks)?.completion_tokens).toBe(splitTokens(THOUGHT).length + splitTokens(ANSWER).length);
    expect(server.timings[0]?.tokens).toBe(splitTokens(THOUGHT).length + splitTokens(ANSWER).length);
  });

  it.each([
    ['llamacpp', 'reasoning_content', false],
    ['litellm', 'reasoning_content', true],
    ['vllm', 'reasoning', false],
    ['openai', 'thinking', true],
  ] as const)('%s: `%s` field; reasoning_tokens in usage: %s', async (flavor, style, reports) => {
    const server = await serve(flavor, { style, text: THOUGHT });
    const chunks = (await chat(server, true)) as Chunk[];
    expect(field(chunks, style)).toBe(THOUGHT);
    expect(field(chunks, 'content')).toBe(ANSWER);
    const details = usageOf(chunks)?.completion_tokens_details;
    if (reports) expect(details).toEqual({ reasoning_tokens: splitTokens(THOUGHT).length });
    else expect(details).toBeUndefined();
  });

  it('<think> tags in the content, split over two events on request; the tag opened in the prompt', async () => {
    const server = await serve('ollama', { style: 'think-tags', text: THOUGHT, splitTags: true });
    let chunks = (await chat(server, true)) as Chunk[];
    expect(field(chunks, 'content')).toBe(`<think>${THOUGHT}</think>\n\n${ANSWER}`);
    expect(
      deltas(chunks)
        .slice(0, 2)
        .map((d) => d.content),
    ).toEqual(['<thi', 'nk>']);
    server.setReasoning({ style: 'think-open', text: THOUGHT });
    chunks = (await chat(server, true)) as Chunk[];
    expect(field(chunks, 'content')).toBe(`${THOUGHT}</think>\n\n${ANSWER}`);
  });

  it('cut off while thinking: no closing tag, no answer, finish_reason length', async () => {
    const server = await serve('litellm', { style: 'think-tags', text: THOUGHT, cutOff: true });
    const chunks = (await chat(server, true)) as Chunk[];
    expect(field(chunks, 'content')).toBe(`<think>${THOUGHT}`);
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe('length');
  });

  it('hidden (OpenAI): nothing of the thinking on the wire, its tokens in usage', async () => {
    const server = await serve('openai', { style: 'hidden', text: THOUGHT });
    const chunks = (await chat(server, true)) as Chunk[];
    expect(field(chunks, 'content')).toBe(ANSWER);
    expect(JSON.stringify(chunks)).not.toContain('First I think');
    expect(usageOf(chunks)?.completion_tokens_details).toEqual({
      reasoning_tokens: splitTokens(THOUGHT).length,
    });
  });

  it('a whole completion carries the reasoning field on the message; setReasoning(undefined) turns it off', async () => {
    const server = await serve('llamacpp', { style: 'reasoning_content', text: () => 'computed thought' });
    const body = (await chat(server, false)) as { choices: { message: Record<string, unknown> }[] };
    expect(body.choices[0]?.message).toMatchObject({
      content: ANSWER,
      reasoning_content: 'computed thought',
    });
    server.setReasoning(undefined);
    const plain = (await chat(server, true)) as Chunk[];
    expect(field(plain, 'reasoning_content')).toBe('');
    expect(field(plain, 'content')).toBe(ANSWER);
  });
});
