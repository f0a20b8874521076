import { backendPlaceText } from '../../format/backend-place';
import { useAppState } from '../../state/controller-context';
import { chosenModel, currentProfile } from '../../state/profiles/backend-selectors';

/** A new conversation: an invitation, and where replies will come from (backend and model). */
export function EmptyState() {
  const profile = useAppState(currentProfile);
  const chosen = useAppState(chosenModel);
  const place = backendPlaceText(profile);
  return (
    <div className="empty-state">
      <p className="empty-title">Ask anything.</p>
      {place && <p className="empty-subtitle">{place}</p>}
      {profile && (
        <p className="empty-backend">
          <span className="empty-profile">{profile.name}</span>
          <span aria-hidden="true"> · </span>
          <span className="empty-model">{chosen ?? profile.defaultModel ?? 'first available model'}</span>
        </p>
      )}
    </div>
  );
}
