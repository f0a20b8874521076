import type { IncomingMessage } from 'node:http';

/** What the host makes of a request's Host header and target before anything else looks at it. */
export type CheckedRequest = { ok: true; url: URL } | { ok: false; status: 400 | 421; text: string };

/**
 * Reads a request's Host header and target without ever throwing: whatever a client sends is
 * answered, never fatal. The target is parsed against a fixed origin, not against the Host header,
 * so a hostile Host (`[`, `a b`, `%`, a port over 65535) cannot break the parse; and only the
 * origin form (`/path?query`) is accepted.
 */
export function checkRequest(req: IncomingMessage, allowedHosts: ReadonlySet<string>): CheckedRequest {
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) {
    return wellFormedHost(host)
      ? { ok: false, status: 421, text: 'Unknown host.' }
      : { ok: false, status: 400, text: 'Bad Host header: send the host and port of this server.' };
  }
  const url = parseTarget(req.url ?? '');
  if (!url) return { ok: false, status: 400, text: 'Bad request target: send a path such as /index.html.' };
  return { ok: true, url };
}

/**
 * A path and query in origin form, or undefined for anything else: the absolute form, `*`, a path
 * starting `//` (which parsers read as an authority: `//[`, `//a:b@[::`), a broken `%` escape.
 */
export function parseTarget(target: string): URL | undefined {
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  if (/%(?![0-9A-Fa-f]{2})/.test(target)) return undefined;
  try {
    return new URL(`http://host.invalid${target}`);
  } catch {
    return undefined;
  }
}

/** Whether a Host header is a syntactically valid authority (a wrong but valid one is a 421, not a 400). */
function wellFormedHost(host: string): boolean {
  if (host === '') return false;
  try {
    const url = new URL(`http://${host}`);
    return url.pathname === '/' && url.search === '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
