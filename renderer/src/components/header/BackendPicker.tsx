import { statusGlyph, statusText, statusTone, statusWord } from '../../format/profile-status';
import { useAppState, useController } from '../../state/controller-context';
import { currentProfile } from '../../state/profiles/backend-selectors';

/**
 * The backend profile this conversation talks to. Switching keeps the history; the next reply
 * comes from the new backend, with that profile's default model.
 */
export function BackendPicker() {
  const controller = useController();
  const profiles = useAppState((s) => s.profiles);
  const statuses = useAppState((s) => s.profileStatuses);
  const current = useAppState(currentProfile);
  const status = current ? statuses[current.id] : undefined;
  const tooltip = current
    ? `${current.name}: ${statusText(status)}\n${current.baseUrl}`
    : 'Loading backends…';

  return (
    <span className="backend-picker" title={tooltip}>
      <span className="status-dot" data-tone={statusTone(status)} aria-hidden="true" />
      <select
        className="header-select"
        aria-label="Backend"
        value={current?.id ?? ''}
        disabled={!current}
        onChange={(event) => {
          if (event.target.value) void controller.setBackend(event.target.value, null);
        }}
      >
        {!current && <option value="">…</option>}
        {profiles.map((profile) => {
          const own = statuses[profile.id];
          return (
            <option key={profile.id} value={profile.id}>
              {`${profile.name} ${statusGlyph(own)} ${statusWord(own)}`}
            </option>
          );
        })}
      </select>
    </span>
  );
}
