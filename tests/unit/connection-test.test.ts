import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectionReportSchema } from '../../shared/domain/profiles';
import { testConnection } from '../../electron/services/backends/connection-test';
import { originOf } from '../../electron/services/backends/backend-target';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { freePort } from '../support/free-port';

/**
 * "Test connection" against the protocol-faithful test server (and a raw node:http server for what
 * no real backend flavor does: HTML pages, silence, 5xx on /models). DNS and offline are simulated
 * with an injected fetch and network probe: nothing here leaves 127.0.0.1.
 */

const offline = { isOnline: () => false };
const online = { isOnline: () => true };

const servers: TestServer[] = [];
const start = async (...args: Parameters<typeof startTestServer>) => {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A raw server: `/html/models` an HTML page, `/hang/models` never answers, `/boom/models` a 500, … */
let raw: { origin: string; close: () => Promise<void>; paths: string[] };
beforeAll(async () => {
  raw = await startRawServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/hang/')) return; // silence
    if (path === '/html/models') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body><h1>Welcome to my router</h1></body></html>');
    } else if (path === '/json-other/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', version: '1.0' }));
    } else if (path === '/boom/models') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'kaboom', type: 'server_error' } }));
    } else if (path === '/slow-body/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"object":"list","data":[');
    } else {
      res.writeHead(404).end();
    }
  });
});
afterAll(() => raw.close());

describe('a working backend', () => {
  it('reports ok with the model count, the latency and the exact URL chat uses', async () => {
    const server = await start({
      flavor: 'openai',
      models: ['gpt-4o-mini', 'gpt-4o', 'o3'],
      apiKey: 'sk-good',
    });
    const report = await testConnection({
      baseUrl: server.url,
      apiKey: 'sk-good',
      kind: 'openai',
      profileId: 'p1',
    });
    expect(connectionReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      outcome: 'ok',
      modelCount: 3,
      url: `${server.url}/models`,
      profileId: 'p1',
    });
    expect(report.error).toBeUndefined();
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.latencyMs).toBeLessThan(5_000);
    expect(report.ollama).toBeUndefined();
    expect(report.litellm).toBeUndefined();
    // openai and custom: /models only, with the key as a bearer token.
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-good');
  });

  it('uses the base URL as given: no /v1 is appended', async () => {
    const server = await start({ flavor: 'litellm', models: ['gpt'] });
    const report = await testConnection({ baseUrl: server.origin, kind: 'custom' });
    expect(report).toMatchObject({ outcome: 'ok', url: `${server.origin}/models`, modelCount: 1 });
    expect(server.requests.map((r) => r.path)).toEqual(['/models']);
  });

  it('takes checkedAt and the latency from the injected clock', async () => {
    const server = await start({ flavor: 'llamacpp' });
    let t = 1_000;
    const report = await testConnection({ baseUrl: server.url, kind: 'custom' }, { now: () => (t += 7) });
    expect(report.outcome).toBe('ok');
    expect(report.latencyMs).toBe(7);
    expect(report.checkedAt).toBe(1_021);
  });
});

describe('Ollama diagnostics', () => {
  it('adds the version, the installed models with details and the loaded ones', async () => {
    const server = await start({ flavor: 'ollama', models: ['llama3.2:1b', 'qwen2.5:0.5b'] });
    const report = await testConnection({ baseUrl: server.url, kind: 'ollama' });
    expect(report.outcome).toBe('ok');
    expect(report.modelCount).toBe(2);
    expect(report.ollama?.version).toBe('0.12.3');
    expect(report.ollama?.installed).toEqual([
      {
        name: 'llama3.2:1b',
        sizeBytes: 650_000_000,
        family: 'llama',
        parameterSize: '1B',
        quantization: 'Q4_K_M',
      },
      {
        name: 'qwen2.5:0.5b',
        sizeBytes: 325_000_000,
        family: 'qwen',
        parameterSize: '0.5B',
        quantization: 'Q4_K_M',
      },
    ]);
    expect(report.ollama?.loaded).toEqual([]);
    expect(server.requests.map((r) => r.path).sort()).toEqual([
      '/api/ps',
      '/api/tags',
      '/api/version',
      '/v1/models',
    ]);
  });

  it('lists loaded models from /api/ps', async () => {
    const server = await start({ flavor: 'ollama', models: ['llama3.2:1b'] });
    const report = await testConnection(
      { baseUrl: server.url, kind: 'ollama' },
      { fetch: withLoaded(['llama3.2:1b']) },
    );
    expect(report.ollama?.loaded).toEqual(['llama3.2:1b']);
  });

  it('on a base URL without /v1, says where Ollama actually answers', async () => {
    const server = await start({ flavor: 'ollama' });
    const report = await testConnection({ baseUrl: server.origin, kind: 'ollama' });
    expect(report.outcome).toBe('wrong-path');
    expect(report.ollama?.version).toBe('0.12.3');
    expect(report.error?.fix).toBe(
      `Ollama is running at ${server.origin}: set the base URL to ${server.url}.`,
    );
  });

  it('ignores diagnostics that do not answer', async () => {
    const server = await start({ flavor: 'openai', models: ['m'] });
    // An OpenAI-compatible server that is not Ollama: /api/* are 404s.
    const report = await testConnection({ baseUrl: server.url, kind: 'ollama' });
    expect(report.outcome).toBe('ok');
    expect(report.ollama).toBeUndefined();
  });
});

describe('LiteLLM diagnostics', () => {
  it('asks /health/liveliness without the key and never /health', async () => {
    const server = await start({ flavor: 'litellm', models: ['gpt-4o', 'claude'], apiKey: 'sk-master' });
    const report = await testConnection({ baseUrl: server.url, apiKey: 'sk-master', kind: 'litellm' });
    expect(report).toMatchObject({ outcome: 'ok', modelCount: 2, litellm: { alive: true } });
    const paths = server.requests.map((r) => r.path);
    expect(paths.sort()).toEqual(['/health/liveliness', '/v1/models']);
    expect(paths).not.toContain('/health');
    const live = server.requests.find((r) => r.path === '/health/liveliness');
    expect(live?.headers.authorization).toBeUndefined();
  });

  it('still checks liveliness when the key is rejected', async () => {
    const server = await start({ flavor: 'litellm', apiKey: 'sk-master' });
    const report = await testConnection({ baseUrl: server.url, apiKey: 'sk-wrong-key', kind: 'litellm' });
    expect(report.outcome).toBe('auth');
    expect(report.litellm?.alive).toBe(true);
    expect(server.requests.map((r) => r.path)).not.toContain('/health');
  });
});

describe('failures, told apart', () => {
  it('refused: nothing listens on the port', async () => {
    const port = await freePort();
    const report = await testConnection({ baseUrl: `http://127.0.0.1:${port}/v1`, kind: 'ollama' });
    expect(report.outcome).toBe('refused');
    expect(report.url).toBe(`http://127.0.0.1:${port}/v1/models`);
    expect(report.error?.code).toBe('backend-unreachable');
    expect(report.error?.message).toMatch(/refused the connection/);
    expect(report.error?.fix).toMatch(/ollama serve/);
    expect(report.ollama).toBeUndefined(); // no diagnostics after a connection failure
  });

  it('wrong path: 404 on /models', async () => {
    const server = await start({ flavor: 'openai' });
    const baseUrl = `${server.origin}/nope`;
    const report = await testConnection({ baseUrl, kind: 'custom' });
    expect(report.outcome).toBe('wrong-path');
    expect(report.url).toBe(`${baseUrl}/models`);
    expect(report.error?.message).toBe(`Nothing answers at ${baseUrl}/models (HTTP 404).`);
    expect(report.error?.fix).toBe('Check the base URL — OpenAI-compatible servers usually end in /v1.');
    expect(server.requests.map((r) => r.path)).toEqual(['/nope/models']);
  });

  for (const flavor of ['openai', 'litellm'] as const) {
    it(`auth (${flavor}): a wrong key is a 401 with a way to the profile`, async () => {
      const server = await start({ flavor, apiKey: 'sk-right-key-123456' });
      const target = {
        baseUrl: server.url,
        apiKey: 'sk-wrong-key-987654',
        kind: flavor,
        profileId: 'prof-7',
      };
      const report = await testConnection(target);
      expect(report.outcome).toBe('auth');
      expect(report.error).toMatchObject({
        code: 'auth',
        message: 'The backend rejected the API key (HTTP 401).',
        action: { kind: 'open-profile', profileId: 'prof-7' },
      });
      expect(report.error?.fix).toMatch(/key/i);
      expect(JSON.stringify(report)).not.toContain('sk-wrong-key-987654');
      expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-wrong-key-987654');
    });

    it(`auth (${flavor}): a missing key says to add one`, async () => {
      const server = await start({ flavor, apiKey: 'sk-right-key-123456' });
      const report = await testConnection({ baseUrl: server.url, kind: flavor });
      expect(report.outcome).toBe('auth');
      expect(report.error?.fix).toBe('Add the API key to this profile.');
      expect(report.error?.action).toBeUndefined(); // no profile id given
    });
  }

  it('no models: an empty list, with the Ollama fix', async () => {
    const server = await start({ flavor: 'ollama' });
    server.setModels([]);
    const report = await testConnection({ baseUrl: server.url, kind: 'ollama' });
    expect(report).toMatchObject({ outcome: 'no-models', modelCount: 0 });
    expect(report.error?.code).toBe('no-models');
    expect(report.error?.fix).toBe('Pull one with `ollama pull llama3.2`, then retry.');
    expect(report.ollama).toMatchObject({ version: '0.12.3', installed: [], loaded: [] });
  });

  it('server error: a 5xx on /models', async () => {
    const report = await testConnection({ baseUrl: `${raw.origin}/boom`, kind: 'custom' });
    expect(report.outcome).toBe('server-error');
    expect(report.error?.code).toBe('server-error');
    expect(report.error?.detail).toMatch(/HTTP 500/);
  });

  it('bad response: an HTML page under 200 is not an OpenAI-compatible API', async () => {
    const report = await testConnection({ baseUrl: `${raw.origin}/html`, kind: 'custom' });
    expect(report.outcome).toBe('bad-response');
    expect(report.error?.code).toBe('bad-response');
    expect(report.error?.message).toMatch(/not an OpenAI-compatible API/);
    expect(report.error?.detail).toMatch(/text\/html: <!doctype html>/);
  });

  it('bad response: JSON that is not a model list', async () => {
    const report = await testConnection({ baseUrl: `${raw.origin}/json-other`, kind: 'custom' });
    expect(report.outcome).toBe('bad-response');
  });

  it('timeout: the server never answers', async () => {
    const started = Date.now();
    const report = await testConnection(
      { baseUrl: `${raw.origin}/hang`, kind: 'custom' },
      { timeoutMs: 300 },
    );
    expect(report.outcome).toBe('timeout');
    expect(report.error?.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('timeout: the headers arrive but the body never ends', async () => {
    const report = await testConnection(
      { baseUrl: `${raw.origin}/slow-body`, kind: 'custom' },
      { timeoutMs: 300 },
    );
    expect(report.outcome).toBe('timeout');
  });
});

describe('DNS and offline (simulated: no lookup leaves this machine)', () => {
  const lookupFailure = (code: string, host = 'api.example.invalid') => {
    const fetchSpy = vi.fn<typeof fetch>(() =>
      Promise.reject(
        Object.assign(new TypeError('fetch failed'), {
          cause: Object.assign(new Error(`getaddrinfo ${code} ${host}`), { code }),
        }),
      ),
    );
    return fetchSpy;
  };

  it('dns: the host cannot be resolved while the machine is online', async () => {
    const fetchSpy = lookupFailure('ENOTFOUND');
    const report = await testConnection(
      { baseUrl: 'https://api.example.invalid/v1', kind: 'openai', apiKey: 'sk-x' },
      { fetch: fetchSpy, network: online },
    );
    expect(report.outcome).toBe('dns');
    expect(report.url).toBe('https://api.example.invalid/v1/models');
    expect(report.error?.message).toMatch(/could not be found/);
    expect(report.error?.detail).toBe('ENOTFOUND');
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(String(fetchSpy.mock.calls[0]?.[0])).toBe('https://api.example.invalid/v1/models');
  });

  it('dns: a local name that does not resolve', async () => {
    const report = await testConnection(
      { baseUrl: 'http://gpu-box.local:11434/v1', kind: 'ollama' },
      { fetch: lookupFailure('ENOTFOUND', 'gpu-box.local'), network: online },
    );
    expect(report.outcome).toBe('dns');
  });

  it('offline: the probe says so and a cloud target gets no request at all', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    const report = await testConnection(
      { baseUrl: 'https://api.openai.com/v1', kind: 'openai', apiKey: 'sk-x' },
      { fetch: fetchSpy, network: offline },
    );
    expect(report.outcome).toBe('offline');
    expect(report.url).toBe('https://api.openai.com/v1/models');
    expect(report.error).toMatchObject({ code: 'offline', retryable: true });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('offline: a local backend is still tested (loopback needs no network)', async () => {
    const server = await start({ flavor: 'ollama' });
    const report = await testConnection({ baseUrl: server.url, kind: 'ollama' }, { network: offline });
    expect(report.outcome).toBe('ok');
  });

  it('offline: EAI_AGAIN or ENETUNREACH for a cloud target', async () => {
    for (const code of ['EAI_AGAIN', 'ENETUNREACH']) {
      const report = await testConnection(
        { baseUrl: 'https://api.example.invalid/v1', kind: 'openai' },
        { fetch: lookupFailure(code), network: online },
      );
      expect(report.outcome, code).toBe('offline');
      expect(report.error?.detail).toBe(code);
    }
  });
});

it('originOf drops the path', () => {
  expect(originOf('http://127.0.0.1:11434/v1')).toBe('http://127.0.0.1:11434');
  expect(originOf('https://proxy.example.com/litellm/v1/')).toBe('https://proxy.example.com');
});

/** Forwards to the real fetch, but /api/ps answers with these models loaded. */
function withLoaded(names: string[]): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url).pathname === '/api/ps') {
      return Promise.resolve(Response.json({ models: names.map((name) => ({ name, model: name })) }));
    }
    return fetch(input, init);
  };
}

async function startRawServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const sockets = new Set<Socket>();
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
