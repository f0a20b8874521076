import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WebSocketApi } from '../../renderer/src/bridge/websocket-api';
import { HostFixture } from '../support/host-wire';

/**
 * The renderer's own WebSocket client against the hardened host: it still speaks the contract, and
 * a `protocol-error` frame (a frame the host could not tie to a request) is logged without
 * disturbing the requests in flight. The page's WebSocket is `ws` with the page's cookie and
 * Origin, as the browser would send them.
 */
let fixture: HostFixture;
const opened: WebSocket[] = [];

beforeAll(async () => {
  fixture = await HostFixture.start();
  const headers = fixture.pageHeaders;
  class PageWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers });
      opened.push(this);
    }
  }
  vi.stubGlobal('WebSocket', PageWebSocket);
  vi.stubGlobal('window', { addEventListener: () => {} });
  vi.stubGlobal('document', { addEventListener: () => {}, visibilityState: 'visible' });
});
afterAll(async () => {
  for (const socket of opened) socket.terminate();
  vi.unstubAllGlobals();
  await fixture.close();
});
afterEach(() => vi.restoreAllMocks());

describe("the renderer's WebSocket client against the browser host", () => {
  it('invokes, receives events, and logs a protocol error without losing a request', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const api = new WebSocketApi(`ws://127.0.0.1:${fixture.port}/ws`);
    const lists: number[] = [];
    api.on('conversations.changed', ({ conversations }) => lists.push(conversations.length));

    const created = await api.invoke('conversations.create');
    expect(created.ok).toBe(true);
    await fixture.app.waitFor(() => lists.includes(1));

    // Something on the page's socket sends a frame the host cannot read, while a request is in flight.
    const pending = api.invoke('conversations.list');
    opened.at(-1)?.send('{"kind":"invoke","id":"not a number"}');
    const listed = await pending;
    expect(listed.ok && listed.value).toHaveLength(1);
    await fixture.app.waitFor(() => warn.mock.calls.length > 0);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /could not read a request: The frame's id must be a number/,
    );
    expect(api.getState()).toBe('open');
    expect((await api.invoke('conversations.list')).ok).toBe(true);
  });
});
