import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextLengths, type ContextProfile } from '../../electron/services/backends/context-length';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';

/**
 * The context a model runs with, for llama.cpp, vLLM and LM Studio, against the test server
 * impersonating each; and `chat.context` following a conversation to another backend at once.
 */
let llamacpp: TestServer;
let vllm: TestServer;
let lmstudio: TestServer;

beforeAll(async () => {
  // llama-server started with -c 2048 on a model trained for 4,096.
  llamacpp = await startTestServer({ flavor: 'llamacpp', models: ['model.gguf'], contextLength: 4_096 });
  llamacpp.setContextMetadata({ contextLength: 4_096, runningContext: 2_048 });
  vllm = await startTestServer({ flavor: 'vllm', models: ['Qwen/Qwen2.5-7B-Instruct'] });
  vllm.setContextMetadata({ runningContext: 32_768 });
  lmstudio = await startTestServer({ flavor: 'lmstudio', models: ['qwen2.5-7b-instruct'] });
});
afterAll(async () => {
  await Promise.all([llamacpp.close(), vllm.close(), lmstudio.close()]);
});

const profile = (server: TestServer, kind: ContextProfile['kind']): ContextProfile => ({
  id: `p-${kind}`,
  kind,
  baseUrl: server.url,
  params: {},
});

describe('context length by kind', () => {
  it('llama.cpp: the context it runs with (/props n_ctx 2,048), not the 4,096 the model was trained for', async () => {
    const info = await new ContextLengths().of(profile(llamacpp, 'llamacpp'), 'model.gguf');
    expect(info).toMatchObject({ contextLength: 2_048, source: 'model' });
    expect(info.detail).toContain('2,048');
    // The /v1/models meta says 4,096: that is the training context, not what runs.
    const listed = (await (await fetch(`${llamacpp.url}/models`)).json()) as {
      data: { meta?: { n_ctx_train?: number } }[];
    };
    expect(listed.data[0]?.meta?.n_ctx_train).toBe(4_096);
  });

  it('llama.cpp: known before any model is chosen (it serves one, whatever the name)', async () => {
    expect(await new ContextLengths().of(profile(llamacpp, 'llamacpp'), undefined)).toMatchObject({
      contextLength: 2_048,
      source: 'model',
    });
  });

  it('llama.cpp without /props: the training context from /v1/models meta', async () => {
    const lengths = new ContextLengths({
      // /props refused, as an older or locked-down build would.
      fetch: (input, init) =>
        String(input instanceof Request ? input.url : input).endsWith('/props')
          ? Promise.resolve(new Response('not found', { status: 404 }))
          : fetch(input, init),
    });
    expect(await lengths.of(profile(llamacpp, 'llamacpp'), 'model.gguf')).toMatchObject({
      contextLength: 4_096,
      source: 'model',
    });
  });

  it('vLLM: max_model_len of the model', async () => {
    const info = await new ContextLengths().of(profile(vllm, 'vllm'), 'Qwen/Qwen2.5-7B-Instruct');
    expect(info).toMatchObject({ contextLength: 32_768, source: 'model' });
  });

  it('LM Studio: the loaded context, else the most the model takes (/api/v0/models)', async () => {
    lmstudio.setContextMetadata({ contextLength: 32_768 });
    expect(await new ContextLengths().of(profile(lmstudio, 'lmstudio'), 'qwen2.5-7b-instruct')).toMatchObject(
      { contextLength: 32_768, source: 'model' },
    );
    lmstudio.setContextMetadata({ contextLength: 32_768, runningContext: 8_192 });
    expect(await new ContextLengths().of(profile(lmstudio, 'lmstudio'), 'qwen2.5-7b-instruct')).toMatchObject(
      { contextLength: 8_192, source: 'model' },
    );
  });

  it('chat.context answers the new backend’s length right after conversations.setBackend', async () => {
    const app = new AppHarness({});
    try {
      const llama = await app.call('profiles.create', {
        name: 'llama',
        kind: 'llamacpp',
        baseUrl: llamacpp.url,
        params: {},
      });
      const served = await app.call('profiles.create', {
        name: 'vllm',
        kind: 'vllm',
        baseUrl: vllm.url,
        params: {},
      });
      const { id: conversationId } = await app.call('conversations.create');
      await app.call('conversations.setBackend', {
        conversationId,
        profileId: llama.id,
        model: 'model.gguf',
      });
      expect((await app.call('chat.context', { conversationId })).contextLength).toBe(2_048);
      await app.call('conversations.setBackend', {
        conversationId,
        profileId: served.id,
        model: 'Qwen/Qwen2.5-7B-Instruct',
      });
      expect((await app.call('chat.context', { conversationId })).contextLength).toBe(32_768);
      await app.call('conversations.setBackend', {
        conversationId,
        profileId: llama.id,
        model: 'model.gguf',
      });
      expect((await app.call('chat.context', { conversationId })).contextLength).toBe(2_048);
    } finally {
      await app.close();
    }
  });
});
