import { reasoningEfforts, type ReasoningEffort } from '../../../shared/domain/reasoning-effort';

/** How each reasoning effort reads in a select; the empty choice means "not sent". */
export const reasoningEffortLabels: Record<ReasoningEffort, string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

/** A select's value back to an effort; anything else (the empty "default" choice) is none chosen. */
export function parseReasoningEffort(value: string): ReasoningEffort | undefined {
  return reasoningEfforts.find((effort) => effort === value);
}

export const REASONING_EFFORT_HINT =
  'Sent as reasoning_effort only when set. None turns thinking off where the server accepts it (Ollama does).';
