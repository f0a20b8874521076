import { useEffect, useLayoutEffect, useRef } from 'react';
import { useNewChatShortcut } from '../hooks/use-new-chat-shortcut';
import { useAppState, useController } from '../state/controller-context';
import { conversationToOpen, withoutOpenRequest } from '../state/desktop/desktop-window';
import { ChatPane } from './layout/ChatPane';
import { Sidebar } from './layout/Sidebar';
import { ConnectionBanner } from './notices/ConnectionBanner';
import { SecondaryViews } from './SecondaryViews';

export function App() {
  const controller = useController();
  const sidebarOpen = useAppState((s) => s.sidebarOpen);
  const view = useAppState((s) => s.view);
  const settingsShown = view === 'settings';
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => controller.start(), [controller]);
  // Asked by address to open a conversation (the browser host's tray page, "Open in main window").
  useEffect(() => {
    const asked = conversationToOpen(window.location.search);
    if (asked === undefined) return;
    window.history.replaceState(window.history.state, '', withoutOpenRequest(window.location.href));
    void controller.select(asked);
  }, [controller]);
  useNewChatShortcut(controller);

  // Escape closes the slide-in conversation list on narrow windows.
  useEffect(() => {
    if (!sidebarOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      controller.setSidebarOpen(false);
      // Focus was inside the list, which is now hidden: hand it back to the toggle that opened it.
      document.querySelector<HTMLElement>('.sidebar-toggle')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, sidebarOpen]);

  // Ctrl/Cmd+, opens settings from anywhere; Escape leaves them when no dialog or menu wants it.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === ',' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        controller.openSettings();
      } else if (
        event.key === 'Escape' &&
        settingsShown &&
        !event.defaultPrevented &&
        !document.querySelector('dialog[open]')
      ) {
        event.preventDefault();
        controller.closeSettings();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, settingsShown]);

  // Focus follows the view: into settings (the view focuses itself, in a later passive effect), and
  // back to whatever opened them.
  useLayoutEffect(() => {
    if (settingsShown) {
      const active = document.activeElement;
      if (active instanceof HTMLElement && !active.closest('.settings')) opener.current = active;
      return;
    }
    const previous = opener.current;
    opener.current = null;
    if (!previous) return;
    if (previous.isConnected && previous.offsetParent !== null) previous.focus();
    else document.querySelector<HTMLElement>('.settings-button')?.focus();
  }, [settingsShown]);

  return (
    <div className="app">
      <ConnectionBanner />
      <div className="app-body" hidden={view !== 'chat'}>
        <Sidebar />
        <ChatPane />
      </div>
      <SecondaryViews />
    </div>
  );
}
