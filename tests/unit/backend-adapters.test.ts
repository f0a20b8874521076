import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionReportSchema, type ProfileKind } from '../../shared/domain/profiles';
import { testConnection } from '../../electron/services/backends/connection-test';
import { ContextLengths } from '../../electron/services/backends/context-length';
import { listModels, modelCapabilities } from '../../electron/services/backends/model-catalog';
import { startTestServer, type Flavor, type TestServer } from '../support/openai-test-server';

/**
 * Each adapter against the test server impersonating its kind, over real HTTP: the model listing
 * with the server's details, the context length, the connection test's diagnostics and the
 * capabilities of a model.
 */

const servers = new Map<Flavor, TestServer>();
const server = (flavor: Flavor) => servers.get(flavor)!;
const target = (kind: ProfileKind, flavor: Flavor = kind as Flavor) => ({
  baseUrl: server(flavor).url,
  kind,
});
const paths = (flavor: Flavor) => server(flavor).requests.map((r) => r.path);

beforeAll(async () => {
  for (const flavor of ['ollama', 'litellm', 'openai', 'llamacpp', 'vllm', 'lmstudio'] as const)
    servers.set(flavor, await startTestServer({ flavor, models: ['qwen2.5:0.5b', 'llama3.2:1b'] }));
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
});

const fresh = (flavor: Flavor) => {
  server(flavor).requests.length = 0;
  server(flavor).setContextMetadata({});
};

describe('LM Studio', () => {
  it('lists its models with their state, quantisation, context and capabilities from /api/v0/models', async () => {
    fresh('lmstudio');
    server('lmstudio').setContextMetadata({ contextLength: 32_768, capabilities: ['tools'] });
    const models = await listModels(target('lmstudio'));
    expect(models[0]).toEqual({
      id: 'qwen2.5:0.5b',
      family: 'qwen',
      quantization: 'Q4_K_M',
      loaded: false,
      contextLength: 32_768,
      capabilities: { vision: false, tools: true },
    });
    expect(paths('lmstudio').sort()).toEqual(['/api/v0/models', '/v1/models']);
  });

  it('context: loaded_context_length of a loaded model, else max_context_length', async () => {
    fresh('lmstudio');
    server('lmstudio').setContextMetadata({ contextLength: 32_768 });
    const idle = await new ContextLengths().of({ id: 'a', params: {}, ...target('lmstudio') }, 'llama3.2:1b');
    expect(idle).toMatchObject({ contextLength: 32_768, source: 'model' });
    server('lmstudio').setContextMetadata({ contextLength: 32_768, runningContext: 8_192 });
    const loaded = await new ContextLengths().of(
      { id: 'a', params: {}, ...target('lmstudio') },
      'llama3.2:1b',
    );
    expect(loaded).toMatchObject({ contextLength: 8_192, source: 'model' });
    expect(loaded.detail).toContain('LM Studio runs llama3.2:1b');
  });

  it('diagnostics: what is loaded, and every model with its details', async () => {
    fresh('lmstudio');
    server('lmstudio').setContextMetadata({ runningContext: 4_096, capabilities: ['vision'] });
    const report = await testConnection(target('lmstudio'));
    expect(connectionReportSchema.parse(report)).toEqual(report);
    expect(report.diagnostics).toMatchObject({
      server: 'LM Studio',
      notes: [{ text: 'Loaded now: qwen2.5:0.5b, llama3.2:1b', tone: 'info' }],
    });
    expect(report.diagnostics?.models[1]).toMatchObject({
      id: 'llama3.2:1b',
      loaded: true,
      contextLength: 4_096,
      capabilities: { vision: true, tools: false },
    });
  });
});

describe('vLLM', () => {
  it('lists its models with max_model_len, and takes the context from it', async () => {
    fresh('vllm');
    server('vllm').setContextMetadata({ contextLength: 16_384 });
    expect(await listModels(target('vllm'))).toEqual([
      { id: 'qwen2.5:0.5b', loaded: true, contextLength: 16_384 },
      { id: 'llama3.2:1b', loaded: true, contextLength: 16_384 },
    ]);
    expect(paths('vllm')).toEqual(['/v1/models']);
    const info = await new ContextLengths().of({ id: 'v', params: {}, ...target('vllm') }, 'llama3.2:1b');
    expect(info).toMatchObject({ contextLength: 16_384, source: 'model' });
    expect(info.detail).toContain('vLLM serves llama3.2:1b');
  });

  it('diagnostics: its version from /version and each model’s context', async () => {
    fresh('vllm');
    const report = await testConnection(target('vllm'));
    expect(report.diagnostics).toEqual({
      server: 'vLLM 0.10.1',
      notes: [],
      models: [
        { id: 'qwen2.5:0.5b', loaded: true, contextLength: 8_192 },
        { id: 'llama3.2:1b', loaded: true, contextLength: 8_192 },
      ],
    });
  });
});

describe('llama.cpp', () => {
  it('context: n_ctx from /props, else the model’s n_ctx_train from /v1/models', async () => {
    fresh('llamacpp');
    server('llamacpp').setContextMetadata({ runningContext: 16_384, contextLength: 131_072 });
    const profile = { id: 'l', params: {}, ...target('llamacpp') };
    expect(await new ContextLengths().of(profile, 'model.gguf')).toMatchObject({
      contextLength: 16_384,
      source: 'model',
    });
    const noProps: typeof fetch = (input, init) =>
      String(input instanceof Request ? input.url : input).endsWith('/props')
        ? Promise.resolve(new Response('File Not Found', { status: 404 }))
        : fetch(input, init);
    const trained = await new ContextLengths({ fetch: noProps }).of(profile, 'llama3.2:1b');
    expect(trained).toMatchObject({ contextLength: 131_072, source: 'model' });
    expect(trained.detail).toContain('trained for 131,072');
  });

  it('lists its model as loaded with the context it runs with', async () => {
    fresh('llamacpp');
    server('llamacpp').setContextMetadata({ runningContext: 8_192 });
    const models = await listModels(target('llamacpp'));
    expect(models[0]).toEqual({
      id: 'qwen2.5:0.5b',
      loaded: true,
      contextLength: 8_192,
      capabilities: { vision: false, tools: false },
    });
  });

  it('diagnostics: its build and context, and a warning when tools need --jinja', async () => {
    fresh('llamacpp');
    const report = await testConnection(target('llamacpp'));
    expect(report.diagnostics).toEqual({
      server: 'llama-server b4600-test',
      notes: [
        { text: 'Context: 4,096 tokens.', tone: 'info' },
        { text: 'Tool calls need llama-server started with --jinja.', tone: 'warning' },
      ],
      models: [],
    });
    server('llamacpp').setContextMetadata({ capabilities: ['tools'] });
    const withJinja = await testConnection(target('llamacpp'));
    expect(withJinja.diagnostics?.notes.map((n) => n.tone)).toEqual(['info']);
  });
});

describe('Ollama', () => {
  it('diagnostics: version, what is loaded, and the installed models with details', async () => {
    fresh('ollama');
    const report = await testConnection(target('ollama'));
    expect(report.diagnostics).toMatchObject({
      server: 'Ollama 0.12.3',
      notes: [{ text: 'No model is loaded right now.', tone: 'info' }],
    });
    expect(report.diagnostics?.models[0]).toEqual({
      id: 'qwen2.5:0.5b',
      sizeBytes: 325_000_000,
      family: 'qwen',
      parameterSize: '0.5B',
      quantization: 'Q4_K_M',
      loaded: false,
    });
  });

  it('capabilities from POST /api/show: tools, vision, thinking', async () => {
    fresh('ollama');
    server('ollama').setContextMetadata({ capabilities: ['tools', 'thinking'] });
    expect(await modelCapabilities(target('ollama'), 'llama3.2:1b')).toEqual({
      tools: true,
      vision: false,
      reasoning: true,
    });
    expect(server('ollama').requests.at(-1)).toMatchObject({
      path: '/api/show',
      body: { model: 'llama3.2:1b' },
    });
    // A model Ollama does not have: nothing is known.
    expect(await modelCapabilities(target('ollama'), 'missing:1b')).toEqual({});
  });
});

describe('LiteLLM', () => {
  it('diagnostics: the proxy’s liveliness, as a note', async () => {
    fresh('litellm');
    const report = await testConnection(target('litellm'));
    expect(report.diagnostics).toEqual({
      server: 'LiteLLM proxy',
      notes: [{ text: 'Proxy alive.', tone: 'info' }],
      models: [],
    });
  });
});

describe('servers that tell nothing more', () => {
  for (const kind of ['openai', 'custom'] as const) {
    it(`${kind}: ids only, no diagnostics, unknown capabilities, and only /models is asked`, async () => {
      const flavor = kind === 'custom' ? 'vllm' : 'openai';
      fresh(flavor);
      const profile = target(kind, flavor);
      expect(await listModels(profile)).toEqual([{ id: 'qwen2.5:0.5b' }, { id: 'llama3.2:1b' }]);
      expect((await testConnection(profile)).diagnostics).toBeUndefined();
      expect(await modelCapabilities(profile, 'llama3.2:1b')).toEqual({});
      expect(paths(flavor)).toEqual(['/v1/models', '/v1/models']);
    });
  }
});
