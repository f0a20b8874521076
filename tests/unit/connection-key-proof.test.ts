import { afterEach, describe, expect, it } from 'vitest';
import { connectionReportSchema } from '../../shared/domain/profiles';
import { testConnection } from '../../electron/services/backends/connection-test';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';

/**
 * The connection test's one-token completion, which proves the key where `/models` is public:
 * llama-server started with --api-key lists models to anyone and answers chat with 401.
 */
const servers: TestServer[] = [];
const start = async (...args: Parameters<typeof startTestServer>) => {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const chats = (server: TestServer) => server.requests.filter((r) => r.path.endsWith('/chat/completions'));

describe('key proof', () => {
  it('llama.cpp with --api-key and no key: /models answers, chat refuses: the test reports the key', async () => {
    const server = await start({ flavor: 'llamacpp', apiKey: 'sk-llama', models: ['model.gguf'] });
    const report = await testConnection(
      { baseUrl: server.url, kind: 'llamacpp', profileId: 'p1' },
      { completion: 'auto' },
    );
    expect(connectionReportSchema.parse(report)).toEqual(report);
    expect(report.outcome).toBe('auth');
    expect(report.modelCount).toBe(1);
    expect(report.completion).toMatchObject({ outcome: 'auth', model: 'model.gguf' });
    expect(report.error).toMatchObject({
      code: 'auth',
      message: expect.stringContaining('this profile has none'),
      fix: 'Set the key llama-server was started with (--api-key) as this profile’s API key.',
      action: { kind: 'open-profile', profileId: 'p1' },
    });
    expect(chats(server).at(-1)?.body).toMatchObject({ model: 'model.gguf', max_tokens: 1 });
  });

  it('llama.cpp with a wrong key is rejected; the right one passes and names the model', async () => {
    const server = await start({ flavor: 'llamacpp', apiKey: 'sk-llama', models: ['model.gguf'] });
    const wrong = await testConnection(
      { baseUrl: server.url, kind: 'llamacpp', apiKey: 'sk-wrong' },
      { completion: 'auto' },
    );
    expect(wrong.outcome).toBe('auth');
    expect(wrong.error?.message).toContain('rejected the API key');
    const right = await testConnection(
      { baseUrl: server.url, kind: 'llamacpp', apiKey: 'sk-llama' },
      { completion: 'auto' },
    );
    expect(right).toMatchObject({
      outcome: 'ok',
      modelCount: 1,
      modelIds: ['model.gguf'],
      completion: { outcome: 'ok', model: 'model.gguf' },
    });
    expect(right.completion?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('asks the profile’s default model, else the first listed', async () => {
    const server = await start({ flavor: 'ollama', models: ['llama3.2:1b', 'qwen3:0.6b'] });
    await testConnection(
      { baseUrl: server.url, kind: 'ollama' },
      { completion: 'auto', model: 'qwen3:0.6b' },
    );
    expect(chats(server).at(-1)?.body).toMatchObject({ model: 'qwen3:0.6b', max_tokens: 1 });
    const first = await testConnection({ baseUrl: server.url, kind: 'ollama' }, { completion: 'auto' });
    expect(first.completion).toMatchObject({ outcome: 'ok', model: 'llama3.2:1b' });
  });

  it('a model the server does not have fails the completion, not the connection', async () => {
    const server = await start({ flavor: 'ollama', models: ['llama3.2:1b'] });
    const report = await testConnection(
      { baseUrl: server.url, kind: 'ollama' },
      { completion: 'auto', model: 'mistral:7b' },
    );
    expect(report.outcome).toBe('ok');
    expect(report.completion).toMatchObject({
      outcome: 'failed',
      model: 'mistral:7b',
      error: { code: 'model-not-found' },
    });
  });

  it('a cloud backend: skipped unless asked (it costs a token), then run with max_completion_tokens', async () => {
    const server = await start({ flavor: 'openai', apiKey: 'sk-real', models: ['gpt-4o-mini'] });
    // api.openai.com, answered by the test server.
    const redirect: typeof fetch = (input, init) =>
      fetch(
        String(input instanceof Request ? input.url : input).replace('https://api.openai.com', server.origin),
        init,
      );
    const target = { baseUrl: 'https://api.openai.com/v1', kind: 'openai' as const, apiKey: 'sk-real' };
    const network = { isOnline: () => true };
    const auto = await testConnection(target, {
      completion: 'auto',
      fetch: redirect,
      network,
      diagnostics: false,
    });
    expect(auto.outcome).toBe('ok');
    expect(auto.completion).toMatchObject({
      outcome: 'skipped',
      detail: expect.stringContaining('costs a token'),
    });
    expect(chats(server)).toHaveLength(0);
    const asked = await testConnection(target, {
      completion: 'always',
      fetch: redirect,
      network,
      diagnostics: false,
    });
    expect(asked.completion).toMatchObject({ outcome: 'ok', model: 'gpt-4o-mini' });
    expect(chats(server).at(-1)?.body).toMatchObject({ max_completion_tokens: 1 });
  });

  it('never by default: the status monitor polls without spending tokens', async () => {
    const server = await start({ flavor: 'ollama' });
    const report = await testConnection({ baseUrl: server.url, kind: 'ollama' });
    expect(report.completion).toBeUndefined();
    expect(chats(server)).toHaveLength(0);
  });

  it('profiles.test runs it for a local draft, and not when told not to', async () => {
    const server = await start({ flavor: 'llamacpp', apiKey: 'sk-llama', models: ['model.gguf'] });
    const app = new AppHarness({});
    try {
      const draft = { name: 'llama', kind: 'llamacpp' as const, baseUrl: server.url, params: {} };
      const report = await app.call('profiles.test', { draft });
      expect(report.outcome).toBe('auth');
      const keyed = await app.call('profiles.test', { draft: { ...draft, apiKey: 'sk-llama' } });
      expect(keyed).toMatchObject({ outcome: 'ok', completion: { outcome: 'ok' }, modelIds: ['model.gguf'] });
      const before = chats(server).length;
      const skipped = await app.call('profiles.test', { draft, completion: false });
      expect(skipped.outcome).toBe('ok');
      expect(chats(server).length).toBe(before);
    } finally {
      await app.close();
    }
  });
});
