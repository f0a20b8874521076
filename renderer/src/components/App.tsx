import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useAppState, useController } from '../state/controller-context';
import { ChatPane } from './layout/ChatPane';
import { Sidebar } from './layout/Sidebar';
import { ConnectionBanner } from './notices/ConnectionBanner';

// Settings carry the profile schema (zod) for checking forms as main will; the chat does not need it.
const SettingsView = lazy(() => import('./settings/SettingsView'));
// Compare carries its own schema, stats and tables; loaded the first time it is opened.
const CompareView = lazy(() => import('./compare/CompareView'));

export function App() {
  const controller = useController();
  const sidebarOpen = useAppState((s) => s.sidebarOpen);
  const view = useAppState((s) => s.view);
  const settingsShown = view === 'settings';
  // Once opened, settings stay mounted (hidden) so an unsaved edit survives a look at the chat.
  const [settingsLoaded, setSettingsLoaded] = useState(false);
  if (settingsShown && !settingsLoaded) setSettingsLoaded(true);
  const compareShown = view === 'compare';
  // Compare stays mounted too once opened: a run keeps streaming into it while the chat is shown.
  const [compareLoaded, setCompareLoaded] = useState(false);
  if (compareShown && !compareLoaded) setCompareLoaded(true);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => controller.start(), [controller]);

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
      {settingsLoaded && (
        <Suspense
          fallback={
            <p className="settings-loading" role="status">
              Loading settings…
            </p>
          }
        >
          <SettingsView hidden={!settingsShown} />
        </Suspense>
      )}
      {compareLoaded && (
        <Suspense
          fallback={
            <p className="settings-loading" role="status">
              Loading compare…
            </p>
          }
        >
          <CompareView hidden={!compareShown} />
        </Suspense>
      )}
    </div>
  );
}
