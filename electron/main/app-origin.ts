import { fileURLToPath } from 'node:url';

/**
 * The renderer is served from `app://renderer/…` by our own protocol handler (protocol.ts), never from
 * `file://`: a standard, secure scheme gives the page a real origin that the CSP, navigation guards and
 * IPC sender checks can compare against.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether a URL belongs to the app's own origin. Compared by scheme and host rather than
 * `URL#origin`: Node's WHATWG URL gives every non-special scheme the opaque origin `null`.
 */
export function isAppUrl(raw: string | undefined | null): boolean {
  if (!raw) return false;
  try {
    const url = new URL(raw);
    return (
      url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * Built files, located from this bundle (dist/electron/main.js) so the same layout works unpacked,
 * in an asar, and under the boot test.
 */
export const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
export const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
