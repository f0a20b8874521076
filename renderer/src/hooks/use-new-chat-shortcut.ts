import { useEffect } from 'react';
import type { AppController } from '../state/app-controller';
import { runCommandAction } from '../state/desktop/desktop-commands';

/**
 * Alt+Shift+N starts a new chat. The desktop app's menu also has Ctrl/Cmd+N, but a browser keeps
 * Ctrl/Cmd+N for a new browser window and never lets the page see it, so the browser host needs a
 * chord browsers leave alone (Chromium and Firefox bind nothing to Alt+Shift+N). Matched by key
 * position (`code`), so macOS's Option+Shift+N, which types a character, works too.
 */
export function isNewChatShortcut(
  event: Pick<KeyboardEvent, 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>,
): boolean {
  return event.code === 'KeyN' && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey;
}

/** What the hints say: the chord that works in this page. */
export const NEW_CHAT_SHORTCUT = { label: 'Alt+Shift+N', aria: 'Alt+Shift+N' } as const;

/** Listens for the chord in this window; like the menu's New Chat it leaves settings or compare. */
export function useNewChatShortcut(controller: AppController): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isNewChatShortcut(event) || event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      runCommandAction(controller, { type: 'new-chat' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
