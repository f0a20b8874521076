/** The settings list's entry for MCP servers, under "App". */
export function McpNavItem({ selected, onSelect }: { selected: boolean; onSelect: () => void }) {
  return (
    <ul className="profile-list app-settings-list" aria-label="MCP servers">
      <li>
        <button
          type="button"
          className="profile-item"
          aria-current={selected ? 'true' : undefined}
          onClick={onSelect}
        >
          <span className="profile-name">MCP servers</span>
          <span className="profile-kind">Tools from servers you add: commands or URLs</span>
        </button>
      </li>
    </ul>
  );
}
