import { useAppState, useController } from '../../state/controller-context';

/** Only visible on narrow windows, where the conversation list hides behind it. */
export function SidebarToggle() {
  const controller = useController();
  const open = useAppState((s) => s.sidebarOpen);
  return (
    <button
      type="button"
      className="icon-button sidebar-toggle"
      aria-label="Show conversations"
      aria-expanded={open}
      aria-controls="conversations"
      onClick={() => controller.setSidebarOpen(!open)}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />
      </svg>
    </button>
  );
}
