import { useAppState } from '../../state/controller-context';
import { conversationIsEmpty, onboardingDue } from '../../state/onboarding/onboarding-due';
import { useOnboardingState } from '../../state/onboarding/use-onboarding-state';

/**
 * Whether the chat pane shows the welcome screen instead of the empty transcript: due by itself
 * (first run, or no profile answers) unless skipped, or opened on purpose; never over a
 * conversation that has messages.
 */
export function useWelcomeShown(): boolean {
  const due = useAppState(onboardingDue);
  const empty = useAppState(conversationIsEmpty);
  const dismissed = useOnboardingState((s) => s.dismissed);
  const forced = useOnboardingState((s) => s.forced);
  return empty && (forced || (due && !dismissed));
}
