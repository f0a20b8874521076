import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * Electron's security checklist, applied to every session and webContents (not just our window):
 * permissions denied by default, no navigation away from the app origin, no new windows, no webviews,
 * and external links only as validated http(s) URLs handed to the system browser.
 */

/** Permissions a page on our own origin may use; everything else is refused. */
const allowedPermissions = new Set<string>(['clipboard-sanitized-write']);

/** An http(s) URL worth opening in the system browser, or undefined. */
export function externalUrl(raw: string): string | undefined {
  if (typeof raw !== 'string' || raw.length > 4_000) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username !== '' || url.password !== '' || url.hostname === '') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

export function openExternalSafely(raw: string): boolean {
  const url = externalUrl(raw);
  if (!url) return false;
  shell
    .openExternal(url)
    .catch((error: unknown) => console.error('[security] could not open a link:', error));
  return true;
}

const hardenedSessions = new WeakSet<Session>();

export function hardenSession(session: Session): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowedPermissions.has(permission) && isAppUrl(details.requestingUrl ?? contents.getURL()));
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      allowedPermissions.has(permission) && isAppUrl(requestingOrigin),
  );
  // Defence in depth behind the CSP: pages never reach the network. (Backends are called from main
  // with Node's fetch, which does not go through the session.)
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (_d, callback) => callback({ cancel: true }),
  );
}

export function hardenWebContents(contents: WebContents): void {
  hardenSession(contents.session);
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    // A plain link in a reply: show it in the browser rather than replacing the app.
    if (event.isMainFrame) openExternalSafely(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call before any window exists, so no webContents escapes the hardening. */
export function installSecurity(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
