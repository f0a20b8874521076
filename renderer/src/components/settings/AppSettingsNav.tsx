import '../../styles/settings-desktop.css';

/** The app's own settings sections, listed under "App" below the backends. */
export type AppSection = 'desktop' | 'backups' | 'tools' | 'mcp';

/**
 * One row per section: its name, a hint of what it holds, and the list's accessible name (Desktop's
 * list is named by the "App" heading). Each section is its own list, as screen readers announce it.
 */
const sections: readonly { section: AppSection; name: string; hint: string; label?: string }[] = [
  { section: 'desktop', name: 'Desktop', hint: 'Global shortcut, tray, start at login, notifications' },
  {
    section: 'backups',
    name: 'Backups',
    hint: 'Restore the conversation list and profiles',
    label: 'Backups',
  },
  {
    section: 'tools',
    name: 'Tools',
    hint: 'Rounds per reply, time per call, approval',
    label: 'Tool settings',
  },
  {
    section: 'mcp',
    name: 'MCP servers',
    hint: 'Tools from servers you add: commands or URLs',
    label: 'MCP servers',
  },
];

/** The "App" heading and its sections, the selected one marked current. */
export function AppSettingsNav({
  selected,
  onSelect,
}: {
  selected: AppSection | undefined;
  onSelect: (section: AppSection) => void;
}) {
  return (
    <>
      <div className="pane-head">
        <h2 id="app-settings-heading" className="pane-title">
          App
        </h2>
      </div>
      {sections.map(({ section, name, hint, label }) => (
        <ul
          key={section}
          className="profile-list app-settings-list"
          {...(label ? { 'aria-label': label } : { 'aria-labelledby': 'app-settings-heading' })}
        >
          <li>
            <button
              type="button"
              className="profile-item"
              aria-current={selected === section ? 'true' : undefined}
              onClick={() => onSelect(section)}
            >
              <span className="profile-name">{name}</span>
              <span className="profile-kind">{hint}</span>
            </button>
          </li>
        </ul>
      ))}
    </>
  );
}
