/** The settings list's entry for the backups, below Desktop under "App". */
export function BackupsNavItem({ selected, onSelect }: { selected: boolean; onSelect: () => void }) {
  return (
    <ul className="profile-list app-settings-list" aria-label="Backups">
      <li>
        <button
          type="button"
          className="profile-item"
          aria-current={selected ? 'true' : undefined}
          onClick={onSelect}
        >
          <span className="profile-name">Backups</span>
          <span className="profile-kind">Restore the conversation list and profiles</span>
        </button>
      </li>
    </ul>
  );
}
