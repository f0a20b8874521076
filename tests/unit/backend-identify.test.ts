import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, guessKind, profilePresets, type ProfileKind } from '../../shared/domain/profiles';
import { adapterFor, identifyServer } from '../../electron/services/backends/adapters';
import { describeFailure } from '../../electron/services/backends/describe-failure';
import { testConnection } from '../../electron/services/backends/connection-test';
import { storedProfileSchema } from '../../electron/services/store/store-schema';
import { startTestServer, type Flavor, type TestServer } from '../support/openai-test-server';
import { freePort } from '../support/free-port';

/**
 * Recognising a server by what it answers (for probing ports), and each kind's own wording of
 * failures, against the test server impersonating every kind and an unrelated web page.
 */

const flavors = ['ollama', 'litellm', 'openai', 'llamacpp', 'vllm', 'lmstudio'] as const;
const servers = new Map<Flavor, TestServer>();
let webPage: Server;
let webOrigin: string;
const http = { timeoutMs: 2_000 };

beforeAll(async () => {
  for (const flavor of flavors)
    // OpenAI always wants a key; the local servers run without one.
    servers.set(
      flavor,
      await startTestServer({ flavor, ...(flavor === 'openai' ? { apiKey: 'sk-real' } : {}) }),
    );
  // A router's admin page: 200 and HTML for every path, the worst case for a probe.
  webPage = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Router admin</h1>');
  });
  await new Promise<void>((resolve) => webPage.listen(0, '127.0.0.1', resolve));
  webOrigin = `http://127.0.0.1:${(webPage.address() as AddressInfo).port}`;
});
afterAll(async () => {
  webPage.closeAllConnections();
  await Promise.all([
    ...[...servers.values()].map((s) => s.close()),
    new Promise<void>((resolve) => webPage.close(() => resolve())),
  ]);
});

describe('identify', () => {
  for (const kind of flavors) {
    it(`${kind}: true for its own kind, false for every other and for a web page`, async () => {
      const adapter = adapterFor(kind);
      for (const flavor of flavors) {
        const origin = servers.get(flavor)!.origin;
        expect(await adapter.identify(origin, http), `${kind} probing a ${flavor} server`).toBe(
          flavor === kind,
        );
      }
      expect(await adapter.identify(webOrigin, http)).toBe(false);
    });
  }

  it('custom: any server that lists models without a key, and not a web page', async () => {
    const custom = adapterFor('custom');
    for (const flavor of flavors.filter((f) => f !== 'openai'))
      expect(await custom.identify(servers.get(flavor)!.origin, http), flavor).toBe(true);
    expect(await custom.identify(webOrigin, http)).toBe(false);
  });

  it('identifyServer names the kind at a port, and nothing for a web page or a closed port', async () => {
    for (const flavor of flavors) expect(await identifyServer(servers.get(flavor)!.origin)).toBe(flavor);
    expect(await identifyServer(webOrigin)).toBeUndefined();
    expect(await identifyServer(`http://127.0.0.1:${await freePort()}`)).toBeUndefined();
  });
});

/** The error the SDK raises for a chat request to `server` (after queueing a fault, if any). */
async function chatError(server: TestServer, model: string, apiKey = 'sk-real'): Promise<unknown> {
  const client = new OpenAI({ baseURL: server.url, apiKey, maxRetries: 0 });
  return client.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'hi' }] })
    .then(() => new Error('the request succeeded'))
    .catch((error: unknown) => error);
}

describe('failure wording by kind', () => {
  const context = (kind: ProfileKind, model?: string) => ({
    baseUrl: servers.get(kind as Flavor)!.url,
    kind,
    ...(model ? { model } : {}),
  });

  it('Ollama: an unknown model (404) says `ollama pull`', async () => {
    const error = await chatError(servers.get('ollama')!, 'mistral:7b');
    expect(describeFailure(error, context('ollama', 'mistral:7b'))).toMatchObject({
      code: 'model-not-found',
      fix: 'Run `ollama pull mistral:7b`, or pick an installed model.',
    });
  });

  it('LiteLLM: an unknown model is a 400 "Invalid model name": use a model_name from its config', async () => {
    const error = await chatError(servers.get('litellm')!, 'gpt-9');
    expect(describeFailure(error, context('litellm', 'gpt-9'))).toMatchObject({
      code: 'model-not-found',
      fix: expect.stringContaining('model_name'),
    });
  });

  it('OpenAI: a rejected key (401) says where a valid key comes from; LiteLLM names its keys', async () => {
    const error = await chatError(servers.get('openai')!, 'llama3.2:1b', 'sk-wrong');
    expect(describeFailure(error, context('openai'))).toMatchObject({
      code: 'auth',
      fix: expect.stringMatching(/OpenAI API key .*platform\.openai\.com/),
    });
    const proxy = await startTestServer({ flavor: 'litellm', apiKey: 'sk-master' });
    try {
      const rejected = await chatError(proxy, 'llama3.2:1b', 'sk-wrong');
      expect(describeFailure(rejected, { baseUrl: proxy.url, kind: 'litellm' }).fix).toMatch(
        /master key or a valid virtual key/,
      );
    } finally {
      await proxy.close();
    }
  });

  it('llama.cpp: tools refused without --jinja say to restart it with --jinja', async () => {
    const server = servers.get('llamacpp')!;
    server.fail({ kind: 'status', status: 500, message: 'tools param requires --jinja flag' });
    const error = await chatError(server, 'model.gguf');
    expect(describeFailure(error, context('llamacpp'))).toMatchObject({
      code: 'not-supported',
      message: 'This llama-server was started without --jinja, which tool calls need.',
      fix: expect.stringContaining('Restart llama-server with --jinja'),
    });
  });

  it('vLLM and LM Studio: an unknown model is named with their own fix', async () => {
    const vllm = describeFailure(await chatError(servers.get('vllm')!, 'gpt-9'), context('vllm', 'gpt-9'));
    expect(vllm).toMatchObject({
      code: 'model-not-found',
      fix: expect.stringContaining('--served-model-name'),
    });
    const lmstudio = describeFailure(
      await chatError(servers.get('lmstudio')!, 'gpt-9'),
      context('lmstudio', 'gpt-9'),
    );
    expect(lmstudio).toMatchObject({
      code: 'model-not-found',
      fix: expect.stringContaining('lms get gpt-9'),
    });
  });

  it('nothing listening: each kind says how to start its server; Custom on a known port reads as that server', async () => {
    const port = await freePort();
    const refused = async (kind: ProfileKind, baseUrl = `http://127.0.0.1:${port}/v1`) =>
      (await testConnection({ baseUrl, kind })).error?.fix;
    expect(await refused('ollama')).toMatch(/ollama serve/);
    expect(await refused('llamacpp')).toMatch(/llama-server -m/);
    expect(await refused('vllm')).toMatch(/vllm serve/);
    expect(await refused('lmstudio')).toMatch(/lms server start/);
    expect(await refused('custom')).toBe('Start the server, or check the backend URL and port.');
    expect(
      describeFailure(new OpenAI.APIConnectionError({ message: 'refused' }), {
        baseUrl: profilePresets.lmstudio.baseUrl,
        kind: 'custom',
      }).fix,
    ).toMatch(/LM Studio/);
  });
});

describe('presets and default ports', () => {
  it('each local preset uses its default port, and a bare URL on it is guessed as that kind', () => {
    for (const [kind, port] of Object.entries(DEFAULT_PORTS)) {
      expect(profilePresets[kind as ProfileKind].baseUrl).toContain(`:${port}/v1`);
      expect(guessKind(profilePresets[kind as ProfileKind].baseUrl)).toBe(kind);
      expect(profilePresets[kind as ProfileKind].location).toBe('local');
    }
    expect(guessKind('https://api.openai.com/v1')).toBe('openai');
    expect(guessKind('http://gpu-box:9999/v1')).toBe('custom');
  });

  it('profiles saved before the new kinds keep loading as they were, and the new kinds are stored too', () => {
    const saved = (kind: string, baseUrl: string) => ({
      id: `p-${kind}`,
      name: kind,
      kind,
      baseUrl,
      params: {},
    });
    for (const kind of ['ollama', 'litellm', 'openai', 'custom'])
      expect(storedProfileSchema.parse(saved(kind, 'http://127.0.0.1:8080/v1')).kind).toBe(kind);
    for (const kind of ['llamacpp', 'vllm', 'lmstudio'])
      expect(storedProfileSchema.parse(saved(kind, profilePresets[kind as ProfileKind].baseUrl)).kind).toBe(
        kind,
      );
  });
});
