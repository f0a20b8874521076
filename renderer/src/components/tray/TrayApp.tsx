import { useEffect } from 'react';
import { useNewChatShortcut } from '../../hooks/use-new-chat-shortcut';
import { useAppState, useController } from '../../state/controller-context';
import { useDesktop } from '../../state/desktop/desktop-context';
import '../../styles/tray.css';
import { Composer } from '../composer/Composer';
import { ActionNotice } from '../notices/ActionNotice';
import { ConnectionBanner } from '../notices/ConnectionBanner';
import { SecondaryViews } from '../SecondaryViews';
import { StoreProblemBanners } from '../notices/StoreProblemBanners';
import { Transcript } from '../transcript/Transcript';
import { TrayHeader } from './TrayHeader';

/**
 * The tray window's page: the current conversation (the most recent one, or a new chat) and the
 * composer, without the conversation list. Escape hides the window. Settings and compare are handed
 * to the main window (`openInMainWindow`); only the browser host, which has no other window, opens
 * them here.
 */
export function TrayApp() {
  const controller = useController();
  const desktop = useDesktop();
  const view = useAppState((s) => s.view);

  useEffect(() => controller.start(), [controller]);
  useNewChatShortcut(controller);

  // Escape hides the window unless something used it first (stopping a reply, undoing a field's edit).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('dialog[open]')) return;
      // Settings or compare opened here (browser host only): their own controls lead back.
      if (view === 'settings') {
        event.preventDefault();
        controller.closeSettings();
        return;
      }
      if (view !== 'chat') return;
      event.preventDefault();
      void desktop.hideTrayWindow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, desktop, view]);

  return (
    <div className="app app-tray">
      <ConnectionBanner />
      <main className="chat-pane tray-pane" hidden={view !== 'chat'}>
        <TrayHeader />
        <StoreProblemBanners />
        <Transcript />
        <div className="chat-footer">
          <ActionNotice />
          <Composer />
        </div>
      </main>
      <SecondaryViews />
    </div>
  );
}
