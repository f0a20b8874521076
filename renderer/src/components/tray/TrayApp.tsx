import { useEffect } from 'react';
import { useAppState, useController } from '../../state/controller-context';
import { useDesktop } from '../../state/desktop-context';
import '../../styles/tray.css';
import { Composer } from '../composer/Composer';
import { ActionNotice } from '../notices/ActionNotice';
import { ConnectionBanner } from '../notices/ConnectionBanner';
import { StoreProblemBanners } from '../notices/StoreProblemBanners';
import { Transcript } from '../transcript/Transcript';
import { TrayHeader } from './TrayHeader';

/**
 * The tray window's page: the current conversation (the most recent one, or a new chat) and the
 * composer, without the conversation list. Escape hides the window; settings and compare live in
 * the main window.
 */
export function TrayApp() {
  const controller = useController();
  const desktop = useDesktop();
  const view = useAppState((s) => s.view);

  useEffect(() => controller.start(), [controller]);

  // A control that asks for settings or compare (shared with the main window) has nowhere to go here.
  useEffect(() => {
    if (view === 'settings') controller.closeSettings();
    else if (view === 'compare') controller.closeCompare();
  }, [controller, view]);

  // Escape hides the window unless something used it first (stopping a reply, undoing a field's edit).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      void desktop.hideTrayWindow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [desktop]);

  return (
    <div className="app app-tray">
      <ConnectionBanner />
      <main className="chat-pane tray-pane">
        <TrayHeader />
        <StoreProblemBanners />
        <Transcript />
        <div className="chat-footer">
          <ActionNotice />
          <Composer />
        </div>
      </main>
    </div>
  );
}
