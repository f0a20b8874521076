import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextLengths, type ContextProfile } from '../../electron/services/backends/context-length';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { freePort } from '../support/free-port';

/** Where a model's context length comes from, against the test server over real HTTP. */
let ollama: TestServer;
let litellm: TestServer;

beforeAll(async () => {
  ollama = await startTestServer({ flavor: 'ollama', models: ['llama3.2:1b', 'qwen2.5:0.5b'] });
  litellm = await startTestServer({ flavor: 'litellm', models: ['my-finetune'], apiKey: 'sk-proxy' });
});
afterAll(async () => {
  await Promise.all([ollama.close(), litellm.close()]);
});

const profile = (overrides: Partial<ContextProfile> = {}): ContextProfile => ({
  id: 'p1',
  kind: 'ollama',
  baseUrl: ollama.url,
  params: {},
  ...overrides,
});
const showRequests = () => ollama.requests.filter((r) => r.path === '/api/show');

describe('context length', () => {
  it('the profile’s setting wins, without asking the backend', async () => {
    const before = ollama.requests.length;
    const info = await new ContextLengths().of(profile({ params: { contextLength: 3000 } }), 'llama3.2:1b');
    expect(info).toMatchObject({ contextLength: 3000, source: 'profile' });
    expect(ollama.requests.length).toBe(before);
  });

  it('Ollama: num_ctx from the Modelfile (what Ollama actually runs with), asked once and cached', async () => {
    ollama.setContextMetadata({ numCtx: 8192 });
    const lengths = new ContextLengths();
    const before = showRequests().length;
    const info = await lengths.of(profile(), 'llama3.2:1b');
    expect(info).toMatchObject({ contextLength: 8192, source: 'model' });
    expect(info.detail).toContain('num_ctx');
    expect(showRequests().at(-1)?.body).toMatchObject({ model: 'llama3.2:1b' });
    await lengths.of(profile(), 'llama3.2:1b');
    expect(showRequests().length).toBe(before + 1);
  });

  it('Ollama without num_ctx: its default 4096, not the model’s maximum; a smaller maximum wins', async () => {
    ollama.setContextMetadata({ contextLength: 131_072 });
    const big = await new ContextLengths().of(profile(), 'llama3.2:1b');
    expect(big).toMatchObject({ contextLength: 4096, source: 'default' });
    expect(big.detail).toContain('131,072');
    ollama.setContextMetadata({ contextLength: 2048 });
    expect(await new ContextLengths().of(profile(), 'llama3.2:1b')).toMatchObject({
      contextLength: 2048,
      source: 'model',
    });
  });

  it('Ollama: a loaded model’s actual context (/api/ps) wins; a default is checked again soon', async () => {
    let now = 0;
    const lengths = new ContextLengths({ now: () => now });
    ollama.setContextMetadata({ contextLength: 131_072 });
    expect(await lengths.of(profile(), 'qwen2.5:0.5b')).toMatchObject({
      contextLength: 4096,
      source: 'default',
    });
    // The first request loaded it, with a larger context than the default.
    ollama.setContextMetadata({ contextLength: 131_072, numCtx: 8192, runningContext: 16_384 });
    now += 10_000;
    expect(await lengths.of(profile(), 'qwen2.5:0.5b')).toMatchObject({ source: 'default' });
    now += 30_000;
    const loaded = await lengths.of(profile(), 'qwen2.5:0.5b');
    expect(loaded).toMatchObject({ contextLength: 16_384, source: 'model' });
    expect(loaded.detail).toContain('runs qwen2.5:0.5b');
    ollama.setContextMetadata({});
  });

  it('LiteLLM: max_input_tokens from /model/info, with the key', async () => {
    litellm.setContextMetadata({ contextLength: 32_000 });
    const target = profile({ kind: 'litellm', baseUrl: litellm.url, apiKey: 'sk-proxy' });
    expect(await new ContextLengths().of(target, 'my-finetune')).toMatchObject({
      contextLength: 32_000,
      source: 'model',
    });
    const info = litellm.requests.filter((r) => r.path === '/model/info').at(-1);
    expect(info?.headers.authorization).toBe('Bearer sk-proxy');
    // Wrong key or unknown limits: the default, said so.
    const wrongKey = await new ContextLengths().of({ ...target, apiKey: 'sk-wrong' }, 'my-finetune');
    expect(wrongKey).toMatchObject({ contextLength: 4096, source: 'default' });
  });

  it('OpenAI: a table of well-known models, no request; unknown models get the default', async () => {
    const openai = profile({ kind: 'openai', baseUrl: 'https://api.openai.com/v1' });
    const lengths = new ContextLengths({ fetch: () => Promise.reject(new Error('no network in tests')) });
    expect(await lengths.of(openai, 'gpt-4o-mini')).toMatchObject({
      contextLength: 128_000,
      source: 'model',
    });
    expect(await lengths.of(openai, 'gpt-4.1-nano')).toMatchObject({ contextLength: 1_047_576 });
    expect(await lengths.of(openai, 'gpt-4-0613')).toMatchObject({ contextLength: 8192 });
    expect(await lengths.of(openai, 'ft:something-new')).toMatchObject({
      contextLength: 4096,
      source: 'default',
    });
  });

  it('no model yet, a custom server, or an unreachable one: the default, quickly, and not asked again at once', async () => {
    const lengths = new ContextLengths({ timeoutMs: 1000 });
    expect(await lengths.of(profile(), undefined)).toMatchObject({ contextLength: 4096, source: 'default' });
    expect(await lengths.of(profile({ kind: 'custom' }), 'x')).toMatchObject({ source: 'default' });
    const port = await freePort();
    let calls = 0;
    const counting: typeof fetch = (...args) => {
      calls++;
      return fetch(...args);
    };
    const dead = new ContextLengths({ fetch: counting });
    const down = profile({ baseUrl: `http://127.0.0.1:${port}/v1` });
    const started = Date.now();
    expect(await dead.of(down, 'llama3.2:1b')).toMatchObject({ contextLength: 4096, source: 'default' });
    expect(Date.now() - started).toBeLessThan(2000);
    const asked = calls;
    await dead.of(down, 'llama3.2:1b');
    expect(calls).toBe(asked);
  });

  it('an unknown Ollama model: the default', async () => {
    expect(await new ContextLengths().of(profile(), 'not-installed')).toMatchObject({ source: 'default' });
  });
});
