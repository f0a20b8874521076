import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import {
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from '../../electron/host/browser-host';
import type { HostServerMessage } from '../../shared/contract/api';
import type { Result } from '../../shared/contract/result';
import { AppHarness } from './app-harness';
import { startTestServer, type TestServer } from './openai-test-server';

export const TOKEN = 'hostile-tok';

/**
 * A browser host in this process over a real app core in a temp folder, and its test backend.
 * Anything that would end a standalone host (an uncaught exception or unhandled rejection) is
 * recorded and fails `assertAlive`, rather than only being reported by the test runner.
 */
export class HostFixture {
  readonly crashes: unknown[] = [];
  readonly #recordCrash = (error: unknown) => this.crashes.push(error);

  private constructor(
    readonly host: BrowserHost,
    readonly app: AppHarness,
    readonly server: TestServer,
  ) {
    process.on('uncaughtException', this.#recordCrash);
    process.on('unhandledRejection', this.#recordCrash);
  }

  static async start(
    options: Partial<Pick<BrowserHostOptions, 'maxFrameBytes' | 'maxBufferedBytes'>> = {},
  ): Promise<HostFixture> {
    const server = await startTestServer({ flavor: 'ollama' });
    const app = new AppHarness({ backend: { baseUrl: server.url } });
    const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
    const host = await startBrowserHost({ core: app.core, rendererDir, port: 0, token: TOKEN, ...options });
    return new HostFixture(host, app, server);
  }

  get port(): number {
    return this.host.port;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The headers a page of this host sends with its socket handshake. */
  get pageHeaders(): Record<string, string> {
    return { origin: this.origin, cookie: `assistant_token=${TOKEN}` };
  }

  /** Proof of life: a page request is served and a socket answers a request. */
  async assertAlive(): Promise<void> {
    if (this.crashes.length > 0) throw new Error(`the host would have exited: ${String(this.crashes[0])}`);
    const page = await rawExchange(
      this.port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\nCookie: assistant_token=${TOKEN}\r\nConnection: close\r\n\r\n`,
    );
    if (!page.startsWith('HTTP/1.1 200')) throw new Error(`the host no longer serves the page: ${page}`);
    const client = await PageSocket.open(this);
    try {
      const listed = await client.invoke('conversations.list');
      if (!listed.ok) throw new Error(`the host no longer answers: ${JSON.stringify(listed)}`);
    } finally {
      client.close();
    }
  }

  async close(): Promise<void> {
    process.off('uncaughtException', this.#recordCrash);
    process.off('unhandledRejection', this.#recordCrash);
    await this.host.close();
    await this.app.close();
    await this.server.close();
  }
}

/** Writes bytes on a fresh connection and resolves with everything read until the host closes it. */
export function rawExchange(port: number, request: string | Buffer, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${timeoutMs} ms; got: ${JSON.stringify(received)}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => {}); // A reset after the answer is fine; the answer is what counts.
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(request);
  });
}

/** An authenticated socket, as the renderer opens it, speaking the contract's frames. */
export class PageSocket {
  readonly messages: HostServerMessage[] = [];
  #nextId = 1;
  #waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as HostServerMessage);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static async open(fixture: HostFixture): Promise<PageSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${fixture.port}/ws`, { headers: fixture.pageHeaders });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new PageSocket(ws);
  }

  /** Sends raw text and resolves with the first message the predicate accepts. */
  async sendAndWait(
    text: string,
    accept: (message: HostServerMessage) => boolean,
    timeoutMs = 10_000,
  ): Promise<HostServerMessage> {
    const seen = this.messages.length;
    this.ws.send(text);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(seen).find(accept);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no answer to ${text.slice(0, 200)}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Sends an invoke frame with a fresh id, the route and input as given (anything JSON can carry). */
  async invokeRaw(route: unknown, inputJson?: string): Promise<{ id: number; result: Result<unknown> }> {
    const id = this.#nextId++;
    const input = inputJson === undefined ? '' : `,"input":${inputJson}`;
    const text = `{"kind":"invoke","id":${id},"route":${JSON.stringify(route) ?? 'null'}${input}}`;
    const answer = await this.sendAndWait(text, (m) => m.kind === 'result' && m.id === id);
    if (answer.kind !== 'result') throw new Error('unreachable');
    return { id, result: answer.result };
  }

  async invoke(route: string, input?: unknown): Promise<Result<unknown>> {
    return (await this.invokeRaw(route, input === undefined ? undefined : JSON.stringify(input))).result;
  }

  close(): void {
    this.ws.terminate();
  }
}

/** A client frame written byte by byte, so the test can break any rule of RFC 6455 on purpose. */
export function clientFrame(options: {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  rsv1?: boolean;
  masked?: boolean;
}): Buffer {
  const payload = options.payload ?? Buffer.alloc(0);
  const masked = options.masked ?? true;
  const first = ((options.fin ?? true) ? 0x80 : 0) | (options.rsv1 ? 0x40 : 0) | (options.opcode & 0x0f);
  let header: Buffer;
  if (payload.length < 126) header = Buffer.from([first, payload.length]);
  else if (payload.length < 65_536) {
    header = Buffer.from([first, 126, 0, 0]);
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  header[1] = (header[1] ?? 0) | 0x80;
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([header, mask, body]);
}

/** A WebSocket opened by hand on a raw TCP socket (a valid handshake), for writing frames directly. */
export class RawWebSocket {
  #received = Buffer.alloc(0);
  #closed = false;
  #waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#received = Buffer.concat([this.#received, chunk]);
      this.#wake();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
  }

  static async open(fixture: HostFixture): Promise<RawWebSocket> {
    const socket = connect(fixture.port, '127.0.0.1');
    const raw = new RawWebSocket(socket);
    socket.write(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${fixture.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
        `Origin: ${fixture.origin}\r\nCookie: assistant_token=${TOKEN}\r\n\r\n`,
    );
    await raw.#until(() => raw.#received.includes('\r\n\r\n'));
    const end = raw.#received.indexOf('\r\n\r\n') + 4;
    const head = raw.#received.subarray(0, end).toString('latin1');
    if (!head.startsWith('HTTP/1.1 101')) throw new Error(`handshake refused: ${head}`);
    raw.#received = raw.#received.subarray(end);
    return raw;
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /**
   * Waits for the host's close frame and resolves with its status code (undefined when the host
   * cut the connection without one); then drops the connection.
   */
  async closeCode(timeoutMs = 5_000): Promise<number | undefined> {
    const closeFrame = () => this.#frames().find((f) => f.opcode === 0x8);
    await this.#until(() => closeFrame() !== undefined || this.#closed, timeoutMs);
    this.socket.destroy();
    const frame = closeFrame();
    return frame && frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : undefined;
  }

  /** Text messages the host sent (unmasked, unfragmented frames). */
  texts(): string[] {
    return this.#frames()
      .filter((f) => f.opcode === 0x1)
      .map((f) => f.payload.toString('utf8'));
  }

  async untilText(accept: (text: string) => boolean, timeoutMs = 5_000): Promise<string> {
    await this.#until(() => this.texts().some(accept), timeoutMs);
    return this.texts().find(accept) ?? '';
  }

  #frames(): { opcode: number; payload: Buffer }[] {
    const frames: { opcode: number; payload: Buffer }[] = [];
    let at = 0;
    const data = this.#received;
    while (at + 2 <= data.length) {
      const opcode = (data[at] ?? 0) & 0x0f;
      let length = (data[at + 1] ?? 0) & 0x7f;
      let start = at + 2;
      if (length === 126) {
        if (start + 2 > data.length) break;
        length = data.readUInt16BE(start);
        start += 2;
      } else if (length === 127) {
        if (start + 8 > data.length) break;
        length = Number(data.readBigUInt64BE(start));
        start += 8;
      }
      if (start + length > data.length) break;
      frames.push({ opcode, payload: data.subarray(start, start + length) });
      at = start + length;
    }
    return frames;
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async #until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (this.#closed) {
        if (condition()) return;
        throw new Error(`the host closed the connection; got ${this.#received.toString('latin1')}`);
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for the host');
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
}
