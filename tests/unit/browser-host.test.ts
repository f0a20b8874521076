import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host';
import type { HostServerMessage } from '../../shared/contract/api';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { AppHarness } from '../support/app-harness';

let server: TestServer;
let app: AppHarness;
let host: BrowserHost;
const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret');

beforeAll(async () => {
  server = await startTestServer({ flavor: 'ollama' });
  app = new AppHarness({ backend: { baseUrl: server.url } });
  host = await startBrowserHost({ core: app.core, rendererDir, port: 0, token: 'tok123' });
});
afterAll(async () => {
  await host.close();
  await app.close();
  await server.close();
});

/** A raw request, so the Host header and cookies are exactly what the test says. */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the browser host', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=tok123`);
  });

  it('serves nothing without the token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/index.html')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
  });

  it('trades the token for an HttpOnly cookie and serves the page with a CSP', async () => {
    const first = await get('/?token=tok123');
    expect(first.status).toBe(303);
    expect(String(first.headers['set-cookie'])).toMatch(/assistant_token=tok123; HttpOnly; SameSite=Strict/);
    const page = await get('/', { cookie: 'assistant_token=tok123' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('keeps the rest of the query across the token trade, and serves the page for the tray window', async () => {
    const first = await get('/?token=tok123&window=tray');
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/?window=tray');
    const page = await get('/?window=tray', { cookie: 'assistant_token=tok123' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
    expect((await get('/?window=tray')).status).toBe(401);
  });

  it('refuses other Host headers (DNS rebinding) and paths outside the renderer', async () => {
    expect((await get('/', { host: 'evil.example', cookie: 'assistant_token=tok123' })).status).toBe(421);
    const traversal = await get('/..%2f..%2foutside-secret.txt', { cookie: 'assistant_token=tok123' });
    expect(traversal.status).toBe(404);
    expect(traversal.body).not.toContain('secret');
  });

  it('refuses a socket from another origin or without the token', async () => {
    const refused = (headers: Record<string, string>) =>
      new Promise<boolean>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { headers });
        ws.on('open', () => {
          ws.close();
          resolve(false);
        });
        ws.on('error', () => resolve(true));
      });
    expect(await refused({ origin: `http://127.0.0.1:${host.port}` })).toBe(true);
    expect(await refused({ origin: 'http://evil.example', cookie: 'assistant_token=tok123' })).toBe(true);
  });

  it('carries the contract: invoke answers with envelopes and chat events stream to the socket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, {
      headers: { origin: `http://127.0.0.1:${host.port}`, cookie: 'assistant_token=tok123' },
    });
    const messages: HostServerMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as HostServerMessage));
    await new Promise((resolve) => ws.on('open', resolve));
    const invoke = async (id: number, route: string, input?: unknown) => {
      ws.send(JSON.stringify({ kind: 'invoke', id, route, input }));
      await app.waitFor(() => messages.some((m) => m.kind === 'result' && m.id === id));
      const found = messages.find((m) => m.kind === 'result' && m.id === id);
      return found?.kind === 'result' ? found.result : undefined;
    };
    const created = await invoke(1, 'conversations.create');
    expect(created?.ok).toBe(true);
    const conversationId = (created as { value: { id: string } }).value.id;
    expect(await invoke(2, 'chat.send', { conversationId, text: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect((await invoke(3, 'chat.send', { conversationId, text: 'over the socket' }))?.ok).toBe(true);
    await app.waitFor(() =>
      messages.some(
        (m) =>
          m.kind === 'event' &&
          m.name === 'chat.stream' &&
          (m.payload as { type: string }).type === 'finished',
      ),
    );
    const text = messages
      .flatMap((m) =>
        m.kind === 'event' && m.name === 'chat.stream' && (m.payload as { type: string }).type === 'delta'
          ? [(m.payload as { text: string }).text]
          : [],
      )
      .join('');
    expect(text).toMatch(/^You said: over the socket\./);
    ws.close();
  });
});
