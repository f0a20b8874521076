import { reasoningEfforts } from '../../../../shared/domain/reasoning-effort';
import {
  parseReasoningEffort,
  reasoningEffortLabels,
  REASONING_EFFORT_HINT,
} from '../../format/reasoning-effort';
import { useAppState, useController } from '../../state/controller-context';
import { currentProfile, selectedSummary } from '../../state/profiles/backend-selectors';

/**
 * How hard a reasoning model thinks in this conversation: "Profile default" (the profile's own choice,
 * or nothing sent) or an effort of its own, which overrides the profile's. Next to the model picker,
 * in the main window and the tray window alike.
 */
export function ReasoningEffortPicker() {
  const controller = useController();
  const own = useAppState((s) => selectedSummary(s)?.reasoningEffort);
  const profileEffort = useAppState((s) => currentProfile(s)?.params.reasoningEffort);
  const defaultLabel = profileEffort
    ? `Profile default (${reasoningEffortLabels[profileEffort]})`
    : 'Profile default';
  return (
    <span className="effort-picker" title={`Reasoning effort. ${REASONING_EFFORT_HINT}`}>
      <span className="effort-picker-label" aria-hidden="true">
        Reasoning
      </span>
      <select
        className="header-select"
        aria-label="Reasoning effort"
        value={own ?? ''}
        onChange={(event) =>
          void controller.setReasoningEffort(parseReasoningEffort(event.target.value) ?? null)
        }
      >
        <option value="">{defaultLabel}</option>
        {reasoningEfforts.map((effort) => (
          <option key={effort} value={effort}>
            {reasoningEffortLabels[effort]}
          </option>
        ))}
      </select>
    </span>
  );
}
