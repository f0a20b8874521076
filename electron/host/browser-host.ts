import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { HostServerMessage } from '../../shared/contract/api';
import { fail } from '../../shared/contract/result';
import { userError } from '../../shared/domain/errors';
import { IMPORT_MAX_CHARS } from '../../shared/domain/library';
import type { AppCore } from '../app/create-app';
import { contentSecurityPolicy } from '../services/security/content-security-policy';
import { readClientFrame } from './client-frames';
import { checkRequest } from './request-checks';
import { readStatic } from './static-files';

/** One WebSocket frame: an import of IMPORT_MAX_CHARS characters, mostly ASCII, plus the envelope. */
const MAX_FRAME_BYTES = IMPORT_MAX_CHARS + 16 * 1024 * 1024;
/** Unsent bytes a page may leave queued before its socket is dropped (it reconnects and reloads its state). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export interface BrowserHostOptions {
  core: AppCore;
  rendererDir: string;
  port?: number;
  /** Random when not given; required on every request (query once, then an HttpOnly cookie). */
  token?: string;
  /** The largest WebSocket message accepted (default: room for the largest import); tests lower it. */
  maxFrameBytes?: number;
  /** Unsent bytes a socket may queue before the host drops it (a page that stopped reading); tests lower it. */
  maxBufferedBytes?: number;
}

export interface BrowserHost {
  /** The URL to open, carrying the access token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'assistant_token';
const HOST = '127.0.0.1';

function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

/** A refusal written straight to a socket that never became an HTTP response (an upgrade, a parse error). */
function refuseSocket(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(text);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${text}`,
    () => socket.destroy(),
  );
}

const logSocketError = (where: string) => (error: Error) =>
  console.warn(`[host] ${where} closed: ${error.message}`);

/**
 * Serves the built renderer on loopback and carries the contract over a WebSocket, so the app runs
 * in any browser (and in end-to-end tests) with the same router and services as in Electron.
 * Defences: loopback bind, a Host check against DNS rebinding, a secret token on every request and
 * the socket, and an Origin check on the socket. Nothing a client sends can stop it: every request
 * and upgrade is read inside error handling that answers 400, every socket has an error listener,
 * and every frame is answered (see `docs/architecture.md`, Transports).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  let port = 0;
  let allowedHosts: ReadonlySet<string> = new Set();

  const authorised = (req: IncomingMessage, url: URL) =>
    sameSecret(url.searchParams.get('token') ?? undefined, token) || sameSecret(cookieToken(req), token);

  const deny = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const checked = checkRequest(req, allowedHosts);
    if (!checked.ok) return deny(res, checked.status, checked.text);
    const { url } = checked;
    if (!authorised(req, url)) {
      return deny(res, 401, 'Open the URL the browser host printed: it carries the access token.');
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the address bar for a cookie, and drop it from the visible URL; the rest
      // of the query stays (`?window=tray` picks the tray window's layout).
      url.searchParams.delete('token');
      res.writeHead(303, {
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: `${url.pathname}${url.search}`,
        'cache-control': 'no-store',
      });
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
    const file = await readStatic(options.rendererDir, url.pathname);
    if (!file) return deny(res, 404, 'Not found. (Was the renderer built? Run `npm run build`.)');
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error('[host] a request failed:', error);
      if (res.headersSent || res.destroyed) res.destroy();
      else deny(res, 500, 'The host could not answer this request.');
    });
  });
  // Requests Node cannot parse (bad request line, headers too large) and errors on a connection's
  // socket land here; without an answer the client would wait, without a listener Node answers alone.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET') return socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    refuseSocket(socket, status, 'The host could not read this request.');
  });

  // Large enough for an import of a whole library (IMPORT_MAX_CHARS of JSON); only a token holder on
  // loopback can send frames at all.
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes ?? MAX_FRAME_BYTES,
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own error listener from an upgraded socket: a reset here would otherwise crash.
    socket.on('error', logSocketError('an upgrading socket'));
    try {
      const checked = checkRequest(req, allowedHosts);
      if (!checked.ok) return refuseSocket(socket, checked.status, checked.text);
      const { url } = checked;
      if (url.pathname !== '/ws') return refuseSocket(socket, 404, 'The socket is at /ws.');
      const origin = req.headers.origin ?? '';
      if (![...allowedHosts].some((h) => origin === `http://${h}`)) {
        return refuseSocket(socket, 403, 'The socket only serves pages of this host.');
      }
      if (!authorised(req, url)) return refuseSocket(socket, 401, 'The socket needs the access token.');
      sockets.handleUpgrade(req, socket, head, (ws) => attach(ws));
    } catch (error) {
      console.error('[host] an upgrade failed:', error);
      refuseSocket(socket, 400, 'The host could not read this upgrade request.');
    }
  });

  // Events are serialised and encoded once and the same bytes go to every page, rather than once per
  // page: with many pages open, a burst of events would otherwise hold up every request behind it.
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const stopEvents = core.events.subscribe((name, payload) => {
    if (sockets.clients.size === 0) return;
    const frame = encode({ kind: 'event', name, payload });
    if (!frame) return;
    for (const client of sockets.clients) {
      if (client.readyState !== client.OPEN) continue;
      // A page that stops reading would otherwise make the host queue every event for it until
      // memory runs out; dropped, it reconnects and reloads its state like after any lost socket.
      if (client.bufferedAmount > maxBuffered) {
        console.warn('[host] dropped a socket that stopped reading');
        client.terminate();
        continue;
      }
      client.send(frame, { binary: false });
    }
  });

  const attach = (ws: WebSocket) => {
    // A protocol error (bad UTF-8, unmasked or oversized frame, reserved opcode...) is emitted here;
    // ws has already answered it with a close frame carrying the matching code.
    ws.on('error', logSocketError('a socket'));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      answer(ws, data, isBinary).catch((error: unknown) => console.error('[host] a frame failed:', error));
    });
  };

  const answer = async (ws: WebSocket, data: RawData, isBinary: boolean) => {
    const frame = readClientFrame(data, isBinary);
    let reply: HostServerMessage;
    if (frame.kind === 'refused') reply = frame.answer;
    else {
      const result = await core.router
        .dispatch(frame.route, frame.input)
        .catch(() => fail(userError('internal', 'The request failed inside the host.', 'Try again.')));
      reply = { kind: 'result', id: frame.id, result };
    }
    // An answer that cannot be serialised still settles the caller's promise, as an internal error.
    const bytes =
      encode(reply) ??
      (reply.kind === 'result'
        ? encode({
            kind: 'result',
            id: reply.id,
            result: fail(userError('internal', 'The answer could not be sent.', 'Try again.')),
          })
        : undefined);
    if (bytes && ws.readyState === ws.OPEN) ws.send(bytes, { binary: false });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  // After listening, a server error (e.g. too many open files on accept) is logged, not fatal.
  server.on('error', (error) => console.error('[host] server error:', error));
  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    close: async () => {
      stopEvents();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One message as the UTF-8 bytes of its JSON; undefined (logged) when it cannot be serialised. */
function encode(message: HostServerMessage): Buffer | undefined {
  try {
    return Buffer.from(JSON.stringify(message));
  } catch (error) {
    console.error('[host] a message could not be serialised:', error);
    return undefined;
  }
}
