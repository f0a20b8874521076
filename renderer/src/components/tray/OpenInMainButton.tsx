import { useController } from '../../state/controller-context';
import { openInMainWindow } from '../../state/desktop/desktop-commands';
import { useDesktop } from '../../state/desktop/desktop-context';

/** Continues in the main window on the conversation the tray window shows. */
export function OpenInMainButton() {
  const controller = useController();
  const desktop = useDesktop();

  const open = () => {
    const conversationId = controller.store.getState().selectedId;
    void openInMainWindow(controller, desktop, {
      command: 'open-chat',
      ...(conversationId !== undefined ? { conversationId } : {}),
    });
  };

  return (
    <button
      type="button"
      className="icon-button tray-open-main"
      aria-label="Open in main window"
      title="Open in main window"
      onClick={open}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M9 2.5h4.5V7M13.5 2.5 7.5 8.5M11.5 9.5v4h-9v-9h4" />
      </svg>
    </button>
  );
}
