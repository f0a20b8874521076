import '../../styles/settings-desktop.css';

/** The settings list's entry for the app's own (desktop) settings, below the backends. */
export function DesktopNavItem({ selected, onSelect }: { selected: boolean; onSelect: () => void }) {
  return (
    <>
      <div className="pane-head">
        <h2 id="app-settings-heading" className="pane-title">
          App
        </h2>
      </div>
      <ul className="profile-list app-settings-list" aria-labelledby="app-settings-heading">
        <li>
          <button
            type="button"
            className="profile-item"
            aria-current={selected ? 'true' : undefined}
            onClick={onSelect}
          >
            <span className="profile-name">Desktop</span>
            <span className="profile-kind">Global shortcut, tray, start at login, notifications</span>
          </button>
        </li>
      </ul>
    </>
  );
}
