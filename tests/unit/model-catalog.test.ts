import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../electron/services/app-error';
import { listModels } from '../../electron/services/backends/model-catalog';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { freePort } from '../support/free-port';

/** The model picker's list: ids in the server's order, with Ollama's details when it gives them. */

const servers: TestServer[] = [];
const start = async (...args: Parameters<typeof startTestServer>) => {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const failureOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).userError;
};

describe('listModels', () => {
  it('returns the ids in server order for an OpenAI-compatible backend', async () => {
    const server = await start({ flavor: 'litellm', models: ['zeta', 'alpha', 'mid'], apiKey: 'sk-m' });
    const models = await listModels({ baseUrl: server.url, apiKey: 'sk-m', kind: 'litellm' });
    expect(models).toEqual([{ id: 'zeta' }, { id: 'alpha' }, { id: 'mid' }]);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/models']);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-m');
  });

  it('enriches Ollama models from /api/tags and /api/ps', async () => {
    const server = await start({ flavor: 'ollama', models: ['qwen2.5:0.5b', 'llama3.2:1b', 'phi3'] });
    const fetchWithLoaded: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (new URL(url).pathname === '/api/ps') {
        return Promise.resolve(Response.json({ models: [{ name: 'llama3.2:1b', model: 'llama3.2:1b' }] }));
      }
      return fetch(input, init);
    };
    const models = await listModels({ baseUrl: server.url, kind: 'ollama' }, { fetch: fetchWithLoaded });
    expect(models).toEqual([
      {
        id: 'qwen2.5:0.5b',
        sizeBytes: 325_000_000,
        family: 'qwen',
        parameterSize: '0.5B',
        quantization: 'Q4_K_M',
        loaded: false,
      },
      {
        id: 'llama3.2:1b',
        sizeBytes: 650_000_000,
        family: 'llama',
        parameterSize: '1B',
        quantization: 'Q4_K_M',
        loaded: true,
      },
      // Listed as "phi3", installed as "phi3:latest".
      {
        id: 'phi3',
        sizeBytes: 5_200_000_000,
        family: 'phi',
        parameterSize: '8B',
        quantization: 'Q4_K_M',
        loaded: false,
      },
    ]);
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/api/tags', '/v1/models']);
  });

  it('gives ids only when the Ollama endpoints do not answer', async () => {
    const server = await start({ flavor: 'openai', models: ['a', 'b'] });
    const models = await listModels({ baseUrl: server.url, kind: 'ollama' });
    expect(models).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('returns an empty list when the backend has no models', async () => {
    const server = await start({ flavor: 'ollama' });
    server.setModels([]);
    expect(await listModels({ baseUrl: server.url, kind: 'ollama' })).toEqual([]);
  });

  it('throws the cause and fix when nothing listens', async () => {
    const port = await freePort();
    const error = await failureOf(listModels({ baseUrl: `http://127.0.0.1:${port}/v1`, kind: 'ollama' }));
    expect(error.code).toBe('backend-unreachable');
    expect(error.fix).toMatch(/ollama serve/);
  });

  it('throws auth with a way to the profile when the key is rejected', async () => {
    const server = await start({ flavor: 'openai', apiKey: 'sk-right' });
    const error = await failureOf(
      listModels({ baseUrl: server.url, apiKey: 'sk-wrong', kind: 'openai', profileId: 'p9' }),
    );
    expect(error).toMatchObject({ code: 'auth', action: { kind: 'open-profile', profileId: 'p9' } });
  });

  it('throws not-found for a wrong base URL and bad-response for an HTML page', async () => {
    const server = await start({ flavor: 'openai' });
    expect((await failureOf(listModels({ baseUrl: server.origin, kind: 'custom' }))).code).toBe('not-found');

    const html = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = html.address() as AddressInfo;
      const error = await failureOf(listModels({ baseUrl: `http://127.0.0.1:${port}/v1`, kind: 'custom' }));
      expect(error.code).toBe('bad-response');
    } finally {
      html.closeAllConnections();
      await new Promise<void>((resolve) => html.close(() => resolve()));
    }
  });

  it('does not ask a cloud backend while offline', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    const error = await failureOf(
      listModels(
        { baseUrl: 'https://api.openai.com/v1', kind: 'openai', apiKey: 'sk-x' },
        { fetch: fetchSpy, network: { isOnline: () => false } },
      ),
    );
    expect(error.code).toBe('offline');
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
