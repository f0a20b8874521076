import type { WindowKind } from '../../../../shared/domain/desktop';

/**
 * Which window this page is. The desktop shell loads the same renderer in its compact tray window
 * with `?window=tray` (the browser host serves `/?window=tray` the same way); anything else is the
 * main window.
 */
export function windowKindOf(search: string): WindowKind {
  return new URLSearchParams(search).get('window') === 'tray' ? 'tray' : 'main';
}

/** The search parameter that asks the main page to open one conversation (the tray page's "Open in main window"). */
const OPEN_PARAM = 'conversation';

/**
 * The main page's address from the tray page's (browser host): the same page without
 * `window=tray`, asked to open `conversationId` when given.
 */
export function mainPageUrl(href: string, conversationId?: string): string {
  const url = new URL(href);
  url.searchParams.delete('window');
  url.searchParams.delete(OPEN_PARAM);
  if (conversationId !== undefined) url.searchParams.set(OPEN_PARAM, conversationId);
  return url.toString();
}

/** The conversation a page was asked to open by its address, if any (see `mainPageUrl`). */
export function conversationToOpen(search: string): string | undefined {
  const id = new URLSearchParams(search).get(OPEN_PARAM);
  return id ? id : undefined;
}

/** The same address without the request, so a reload does not open that conversation again. */
export function withoutOpenRequest(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(OPEN_PARAM);
  return url.toString();
}

/**
 * Opens the main page in a browser tab (one named tab, so a second click focuses it again); where
 * a popup blocker refuses, this page becomes the main page instead: never nothing.
 */
export function openMainPage(conversationId?: string): void {
  const url = mainPageUrl(window.location.href, conversationId);
  const tab = window.open(url, 'local-llm-desk-main');
  if (tab) tab.focus();
  else window.location.assign(url);
}
