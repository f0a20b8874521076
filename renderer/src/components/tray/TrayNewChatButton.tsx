import { NEW_CHAT_SHORTCUT } from '../../hooks/use-new-chat-shortcut';
import { useController } from '../../state/controller-context';

export function TrayNewChatButton() {
  const controller = useController();
  return (
    <button
      type="button"
      className="icon-button tray-new-chat"
      aria-label="New chat"
      title={`New chat (${NEW_CHAT_SHORTCUT.label})`}
      aria-keyshortcuts={NEW_CHAT_SHORTCUT.aria}
      onClick={() => void controller.newChat()}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M8 3v10M3 8h10" />
      </svg>
    </button>
  );
}
