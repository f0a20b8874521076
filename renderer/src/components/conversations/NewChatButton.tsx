import { NEW_CHAT_SHORTCUT } from '../../hooks/use-new-chat-shortcut';
import { useController } from '../../state/controller-context';

export function NewChatButton() {
  const controller = useController();
  return (
    <button
      type="button"
      className="button new-chat"
      title={`New chat (${NEW_CHAT_SHORTCUT.label})`}
      aria-keyshortcuts={NEW_CHAT_SHORTCUT.aria}
      onClick={() => void controller.newChat()}
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path d="M8 3v10M3 8h10" />
      </svg>
      New chat
    </button>
  );
}
