import type { KeyboardEvent } from 'react';
import type { ProfileStatus, ProfileView } from '../../../../shared/domain/profiles';
import { statusText, statusTone } from '../../format/profile-status';
import { kindLabels } from './profile-form';

/** Up/Down/Home/End between profiles; Tab still reaches each one. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  const rows = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('.profile-item')];
  const index = rows.indexOf(document.activeElement as HTMLButtonElement);
  let next: HTMLButtonElement | undefined;
  if (event.key === 'ArrowDown') next = rows[Math.min(rows.length - 1, index + 1)];
  else if (event.key === 'ArrowUp') next = rows[Math.max(0, index - 1)];
  else if (event.key === 'Home') next = rows[0];
  else if (event.key === 'End') next = rows.at(-1);
  if (!next) return;
  event.preventDefault();
  next.focus();
}

/** Every profile: name, kind, the URL as it is used, the Default badge and its live status. */
export function ProfileList({
  profiles,
  statuses,
  defaultProfileId,
  selectedId,
  onSelect,
}: {
  profiles: ProfileView[];
  statuses: Readonly<Record<string, ProfileStatus>>;
  defaultProfileId: string | undefined;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <ul className="profile-list" aria-label="Profiles" onKeyDown={moveFocus}>
      {profiles.map((profile) => {
        const status = statuses[profile.id];
        const selected = profile.id === selectedId;
        return (
          <li key={profile.id} data-selected={selected || undefined}>
            <button
              type="button"
              className="profile-item"
              aria-current={selected ? 'true' : undefined}
              data-profile-id={profile.id}
              onClick={() => onSelect(profile.id)}
            >
              <span className="profile-item-head">
                <span className="profile-name">{profile.name}</span>
                {profile.id === defaultProfileId && <span className="badge badge-default">Default</span>}
              </span>
              <span className="profile-kind">
                {kindLabels[profile.kind]} · {profile.location === 'local' ? 'local' : 'cloud'}
              </span>
              <span className="profile-url">{profile.baseUrl}</span>
              <span className="profile-status" data-tone={statusTone(status)} title={statusText(status)}>
                <span className="status-dot" data-tone={statusTone(status)} aria-hidden="true" />
                <span className="profile-status-text">{statusText(status)}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
