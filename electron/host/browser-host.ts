import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HostClientMessage, HostServerMessage } from '../../shared/contract/api';
import { fail } from '../../shared/contract/result';
import { userError } from '../../shared/domain/errors';
import { IMPORT_MAX_CHARS } from '../../shared/domain/library';
import type { AppCore } from '../app/create-app';
import { contentSecurityPolicy } from '../services/security/content-security-policy';
import { readStatic } from './static-files';

/** One WebSocket frame: an import of IMPORT_MAX_CHARS characters, mostly ASCII, plus the envelope. */
const MAX_FRAME_BYTES = IMPORT_MAX_CHARS + 16 * 1024 * 1024;

export interface BrowserHostOptions {
  core: AppCore;
  rendererDir: string;
  port?: number;
  /** Random when not given; required on every request (query once, then an HttpOnly cookie). */
  token?: string;
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

/**
 * Serves the built renderer on loopback and carries the contract over a WebSocket, so the app runs
 * in any browser (and in end-to-end tests) with the same router and services as in Electron.
 * Defences: loopback bind, a Host check against DNS rebinding, a secret token on every request and
 * the socket, and an Origin check on the socket.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  let port = 0;
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);

  const authorised = (req: IncomingMessage, url: URL) =>
    sameSecret(url.searchParams.get('token') ?? undefined, token) || sameSecret(cookieToken(req), token);

  const deny = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  };

  const server = createServer(async (req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return deny(res, 421, 'Unknown host.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
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
  });

  // Large enough for an import of a whole library (IMPORT_MAX_CHARS of JSON); only a token holder on
  // loopback can send frames at all.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const origin = req.headers.origin ?? '';
    const originOk = [...allowedHosts()].some((h) => origin === `http://${h}`);
    if (
      url.pathname !== '/ws' ||
      !allowedHosts().has(req.headers.host ?? '') ||
      !originOk ||
      !authorised(req, url)
    ) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket) => {
    const send = (message: HostServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = core.events.subscribe((name, payload) => send({ kind: 'event', name, payload }));
    ws.on('close', unsubscribe);
    ws.on('message', async (data) => {
      let message: HostClientMessage;
      try {
        message = JSON.parse(String(data)) as HostClientMessage;
      } catch {
        return; // Not ours; nothing sensible to answer.
      }
      if (message?.kind !== 'invoke' || typeof message.id !== 'number') return;
      const result = await core.router
        .dispatch(message.route, message.input)
        .catch(() => fail(userError('internal', 'The request failed inside the host.', 'Try again.')));
      send({ kind: 'result', id: message.id, result });
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
