import { useAppState } from '../../state/controller-context';
import { chosenModel, currentProfile } from '../../state/profiles/backend-selectors';
import { BackendReadiness } from '../onboarding/BackendReadiness';

/** A new conversation: an invitation, and the truth about where replies will come from. */
export function EmptyState() {
  const profile = useAppState(currentProfile);
  const chosen = useAppState(chosenModel);
  return (
    <div className="empty-state">
      <p className="empty-title">Ask anything.</p>
      {profile && <BackendReadiness profile={profile} />}
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
