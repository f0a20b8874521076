import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { AppCore } from '../../electron/app/create-app';
import { startBrowserHost } from '../../electron/host/browser-host';
import { EventBus } from '../../electron/services/events/event-bus';
import type { HostServerMessage } from '../../shared/contract/api';
import { ok } from '../../shared/contract/result';
import { clientFrame, HostFixture, PageSocket, RawWebSocket } from '../support/host-wire';

/**
 * WebSocket frames that break RFC 6455, written byte by byte on an authenticated socket: the host
 * closes that socket with the matching close code and keeps serving everyone else. Frames that are
 * valid WebSocket but not a usable request are answered, so no caller waits forever.
 */
const MAX_FRAME_BYTES = 4096;
let fixture: HostFixture;
beforeAll(async () => {
  fixture = await HostFixture.start({ maxFrameBytes: MAX_FRAME_BYTES });
});
afterAll(async () => {
  await fixture.close();
});

const TEXT = 0x1;
const CLOSE = 0x8;
const PING = 0x9;
const closePayload = (code: number) => {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return payload;
};

const brokenFrames: [string, Buffer, number][] = [
  [
    'a text frame with invalid UTF-8',
    clientFrame({ opcode: TEXT, payload: Buffer.from([0x7b, 0xff, 0xfe]) }),
    1007,
  ],
  ['an unmasked frame', clientFrame({ opcode: TEXT, payload: Buffer.from('{}'), masked: false }), 1002],
  ['the reserved opcode 3', clientFrame({ opcode: 0x3, payload: Buffer.from('x') }), 1002],
  [
    'RSV1 without a negotiated extension',
    clientFrame({ opcode: TEXT, payload: Buffer.from('{}'), rsv1: true }),
    1002,
  ],
  ['a ping longer than 125 bytes', clientFrame({ opcode: PING, payload: Buffer.alloc(126, 0x61) }), 1002],
  ['a fragmented ping', clientFrame({ opcode: PING, payload: Buffer.from('x'), fin: false }), 1002],
  ['a continuation with nothing to continue', clientFrame({ opcode: 0x0, payload: Buffer.from('x') }), 1002],
  ['the close code 999', clientFrame({ opcode: CLOSE, payload: closePayload(999) }), 1002],
  [
    'a frame over the size cap',
    clientFrame({ opcode: TEXT, payload: Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20) }),
    1009,
  ],
];

describe('the browser host against broken WebSocket frames', () => {
  it.each(brokenFrames)('closes the socket on %s and keeps serving', async (_name, frame, code) => {
    const bystander = await PageSocket.open(fixture);
    const socket = await RawWebSocket.open(fixture);
    socket.write(frame);
    expect(await socket.closeCode()).toBe(code);
    // The broken socket alone is gone: an open page still gets answers, and new ones connect.
    expect((await bystander.invoke('conversations.list')).ok).toBe(true);
    bystander.close();
    await fixture.assertAlive();
  });
});

describe('the browser host answers every frame it can read', () => {
  const isProtocolError = (m: HostServerMessage) => m.kind === 'protocol-error';

  it.each([
    ['not JSON', '{"kind":"invoke","id":1,', /not JSON/],
    ['a JSON array', '[1,2]', /not a JSON object/],
    ['a JSON string', '"invoke"', /not a JSON object/],
    [
      'an id that is a string',
      '{"kind":"invoke","id":"7","route":"conversations.list"}',
      /id must be a number/,
    ],
    ['no id', '{"kind":"invoke","route":"conversations.list"}', /id must be a number/],
    ['an id of 1e999', '{"kind":"invoke","id":1e999,"route":"conversations.list"}', /id must be a number/],
  ])('answers %s with a protocol error naming the cause and the fix', async (_name, text, message) => {
    const page = await PageSocket.open(fixture);
    const answer = await page.sendAndWait(text, isProtocolError);
    expect(answer).toMatchObject({ kind: 'protocol-error', error: { code: 'invalid-input', message } });
    expect(answer.kind === 'protocol-error' && answer.error.fix).toMatch(/JSON object per text frame/);
    // The socket stays usable: a bad frame is the sender's problem, not the connection's.
    expect((await page.invoke('conversations.list')).ok).toBe(true);
    page.close();
  });

  it('answers a binary frame with a protocol error', async () => {
    const page = await PageSocket.open(fixture);
    const seen = page.messages.length;
    page.ws.send(Buffer.from('{"kind":"invoke","id":1,"route":"conversations.list"}'), { binary: true });
    await fixture.app.waitFor(() => page.messages.slice(seen).some(isProtocolError));
    expect(page.messages.slice(seen).find(isProtocolError)).toMatchObject({
      error: { message: /binary frame/ },
    });
    page.close();
  });

  it('answers an unknown frame kind under its id, so the caller settles', async () => {
    const page = await PageSocket.open(fixture);
    const answer = await page.sendAndWait(
      '{"kind":"subscribe","id":41,"route":"conversations.list"}',
      (m) => m.kind === 'result' && m.id === 41,
    );
    expect(answer).toMatchObject({
      kind: 'result',
      result: { ok: false, error: { code: 'invalid-input', message: /Unknown frame kind "subscribe"/ } },
    });
    page.close();
  });

  it.each([
    ['an object with its own toString', '{"toString":1,"valueOf":1}'],
    ['an object', '{}'],
    ['an array', '["conversations.list"]'],
    ['null', 'null'],
    ['a number', '42'],
    ['a boolean', 'true'],
    ['a name not in the contract', '"__proto__"'],
    ['an inherited name', '"hasOwnProperty"'],
  ])('answers a route that is %s as an unknown request', async (_name, routeJson) => {
    const page = await PageSocket.open(fixture);
    const answer = await page.sendAndWait(
      `{"kind":"invoke","id":9,"route":${routeJson}}`,
      (m) => m.kind === 'result' && m.id === 9,
    );
    expect(answer).toMatchObject({
      result: { ok: false, error: { code: 'invalid-input', message: /^Unknown request/ } },
    });
    page.close();
  });
});

describe('the browser host when the core misbehaves', () => {
  it('still settles every request: a router that rejects, an answer JSON cannot carry', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
    // A stand-in core: the real router never rejects and its answers are plain data, so only a
    // stand-in can show that the host answers even then.
    const core = {
      router: {
        dispatch: (route: unknown) =>
          route === 'conversations.list' ? Promise.resolve(ok(10n)) : Promise.reject(new Error('boom')),
      },
      events: new EventBus(),
      desktopPrefs: () => {
        throw new Error('unused');
      },
      close: async () => {},
    } as unknown as AppCore;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const host = await startBrowserHost({ core, rendererDir, port: 0, token: 't' });
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, {
      headers: { origin: `http://127.0.0.1:${host.port}`, cookie: 'assistant_token=t' },
    });
    const answers: HostServerMessage[] = [];
    ws.on('message', (data) => answers.push(JSON.parse(String(data)) as HostServerMessage));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send('{"kind":"invoke","id":1,"route":"conversations.list"}');
    ws.send('{"kind":"invoke","id":2,"route":"conversations.get","input":{"id":"x"}}');
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    const byId = (id: number) => answers.find((m) => m.kind === 'result' && m.id === id);
    expect(byId(1)).toMatchObject({
      result: { ok: false, error: { code: 'internal', message: /could not be sent/ } },
    });
    expect(byId(2)).toMatchObject({
      result: { ok: false, error: { code: 'internal', message: /failed inside/ } },
    });
    ws.terminate();
    await host.close();
    error.mockRestore();
  });
});
