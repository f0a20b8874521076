import { net, protocol } from 'electron';
import { extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../services/security/content-security-policy';
import { APP_HOST, APP_SCHEME } from './app-origin';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Must run before `app` is ready: a standard, secure scheme gets a real origin, cookies-free fetch
 * and the same treatment as https (no mixed-content downgrade), which `file://` does not.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The file below `root` that an app:// URL names, or undefined when the URL is not ours or its path
 * escapes the folder (`..`, encoded separators, NUL bytes).
 */
export function resolveRendererFile(root: string, rawUrl: string): string | undefined {
  let url: URL;
  let path: string;
  try {
    url = new URL(rawUrl);
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || path.includes('\0')) return undefined;
  const base = resolve(root);
  const file = resolve(base, path === '/' || path === '' ? 'index.html' : path.replace(/^[/\\]+/, ''));
  if (!file.startsWith(base + sep)) return undefined;
  return file;
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-security-policy': contentSecurityPolicy,
    },
  });
}

/** Serves the built renderer on app://renderer/ with a strict CSP. Call once `app` is ready. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
    const file = resolveRendererFile(root, request.url);
    if (!file) return plain(404, 'Not found.');
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return plain(404, 'Not found. (Was the renderer built? Run `npm run build`.)');
    }
    if (!response.ok) return plain(404, 'Not found.');
    const headers = new Headers(response.headers);
    headers.set('content-type', contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream');
    headers.set('content-security-policy', contentSecurityPolicy);
    headers.set('x-content-type-options', 'nosniff');
    headers.set('referrer-policy', 'no-referrer');
    headers.set('cache-control', 'no-store');
    return new Response(request.method === 'HEAD' ? null : response.body, { status: 200, headers });
  });
}
