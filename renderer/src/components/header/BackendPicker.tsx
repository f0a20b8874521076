import { useId } from 'react';
import { statusText, statusTone, statusWord } from '../../format/profile-status';
import { useAppState, useController } from '../../state/controller-context';
import { currentProfile } from '../../state/profiles/backend-selectors';

/**
 * The backend profile this conversation talks to. Switching keeps the history; the next reply
 * comes from the new backend, with that profile's default model. Options are the profiles' names
 * only (status words made them too long for the select); the chosen one's status shows beside it
 * as a dot and a word, and is the select's description.
 */
export function BackendPicker() {
  const controller = useController();
  const profiles = useAppState((s) => s.profiles);
  const statuses = useAppState((s) => s.profileStatuses);
  const current = useAppState(currentProfile);
  const status = current ? statuses[current.id] : undefined;
  const statusId = useId();
  const tooltip = current
    ? `${current.name}: ${statusText(status)}\n${current.baseUrl}`
    : 'Loading backends…';

  return (
    <span className="backend-picker" title={tooltip}>
      <span className="status-dot" data-tone={statusTone(status)} aria-hidden="true" />
      <select
        className="header-select backend-select"
        aria-label="Backend"
        aria-describedby={current ? statusId : undefined}
        value={current?.id ?? ''}
        disabled={!current}
        onChange={(event) => {
          if (event.target.value) void controller.setBackend(event.target.value, null);
        }}
      >
        {!current && <option value="">…</option>}
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.name}
          </option>
        ))}
      </select>
      {current && (
        <span id={statusId} className="backend-status" data-tone={statusTone(status)}>
          {statusWord(status)}
        </span>
      )}
    </span>
  );
}
