import '../../styles/onboarding.css';
import { useEffect, useState } from 'react';
import type { ProfileView } from '../../../../shared/domain/profiles';
import { backendHost } from '../../format/backend-host';
import { backendPlaceText } from '../../format/backend-place';
import { useAppState, useController } from '../../state/controller-context';
import { readiness, startHint } from '../../state/onboarding/backend-readiness';
import { SuggestedPulls } from '../models/SuggestedPulls';
import { InlineCode } from './InlineCode';

/**
 * The empty chat's line about its backend, true to its status: runs on this computer (or the local
 * network) once it answered, comes from a cloud service, or does not answer, with what to do and
 * "Check again". An Ollama without models offers a pull.
 */
export function BackendReadiness({ profile }: { profile: ProfileView }) {
  const controller = useController();
  const status = useAppState((s) => s.profileStatuses[profile.id]);
  const choices = useAppState((s) => s.modelChoices[profile.id]);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string>();
  const state = readiness(profile, status);
  const host = backendHost(profile.baseUrl);

  // An Ollama that answers (or reports a problem, as "no models" is): its model list says whether
  // there is anything to chat with yet.
  const ollamaReady = profile.kind === 'ollama' && (state === 'ready' || status?.state === 'error');
  useEffect(() => {
    if (ollamaReady) void controller.loadModels(profile.id);
  }, [controller, ollamaReady, profile.id]);

  const checkAgain = async () => {
    setChecking(true);
    const tested = await controller.testProfile({ id: profile.id });
    await controller.loadProfiles();
    setChecking(false);
    if (!tested.ok) setFailure(tested.error.message);
    else if (tested.value.outcome !== 'ok')
      setFailure(tested.value.error?.message ?? 'It still does not answer.');
    else setFailure(undefined);
  };

  const noModels = ollamaReady && choices !== undefined && !choices.error && choices.models.length === 0;
  if (noModels)
    return (
      <div className="empty-readiness" data-readiness="no-models">
        <SuggestedPulls profileId={profile.id} />
      </div>
    );

  if (state === 'unreachable')
    return (
      <div className="empty-readiness" data-readiness="unreachable">
        <p className="empty-subtitle">
          {profile.name} at <code>{host}</code> is not answering.
        </p>
        <p className="empty-hint">
          <InlineCode text={startHint(profile.kind)} />
        </p>
        {failure && (
          <p className="empty-hint" role="status">
            Checked again: {failure}
          </p>
        )}
        <div className="empty-actions">
          <button
            type="button"
            className="button"
            aria-disabled={checking || undefined}
            onClick={() => {
              if (!checking) void checkAgain();
            }}
          >
            {checking ? 'Checking…' : 'Check again'}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => controller.onboarding.reopen()}
          >
            Find local servers
          </button>
        </div>
      </div>
    );

  const place =
    state === 'checking'
      ? `Checking ${profile.name} at ${host}…`
      : state === 'offline'
        ? `This computer is offline: ${profile.name} (${host}) answers again when the network is back.`
        : backendPlaceText(profile);
  return (
    <div className="empty-readiness" data-readiness={state}>
      {place && <p className="empty-subtitle">{place}</p>}
    </div>
  );
}
