/** The settings list's entry for the tool settings (under App, next to the MCP servers). */
export function ToolsSettingsNavItem({ selected, onSelect }: { selected: boolean; onSelect: () => void }) {
  return (
    <ul className="profile-list app-settings-list" aria-label="Tool settings">
      <li>
        <button
          type="button"
          className="profile-item"
          aria-current={selected ? 'true' : undefined}
          onClick={onSelect}
        >
          <span className="profile-name">Tools</span>
          <span className="profile-kind">Rounds per reply, time per call, approval</span>
        </button>
      </li>
    </ul>
  );
}
