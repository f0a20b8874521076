import { useEffect } from 'react';
import { useAppState, useController } from '../state/controller-context';
import { ChatPane } from './layout/ChatPane';
import { Sidebar } from './layout/Sidebar';
import { ConnectionBanner } from './notices/ConnectionBanner';

export function App() {
  const controller = useController();
  const sidebarOpen = useAppState((s) => s.sidebarOpen);

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

  return (
    <div className="app">
      <ConnectionBanner />
      <div className="app-body">
        <Sidebar />
        <ChatPane />
      </div>
    </div>
  );
}
