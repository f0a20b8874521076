import { useController } from '../../state/controller-context';

/** Opens backend settings (also Ctrl/Cmd+,). */
export function SettingsButton() {
  const controller = useController();
  return (
    <button
      type="button"
      className="icon-button settings-button"
      aria-label="Settings"
      title="Settings (Ctrl+,)"
      aria-keyshortcuts="Control+Comma Meta+Comma"
      onClick={() => controller.openSettings()}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z" />
        <path d="M6.9 1.5h2.2l.4 1.8 1.3.7 1.7-.7 1.1 1.9-1.4 1.2v1.6l1.4 1.2-1.1 1.9-1.7-.7-1.3.7-.4 1.8H6.9l-.4-1.8-1.3-.7-1.7.7-1.1-1.9 1.4-1.2V7.2L2.4 6 3.5 4.1l1.7.7 1.3-.7z" />
      </svg>
    </button>
  );
}
