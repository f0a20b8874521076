import { useSyncExternalStore } from 'react';
import { useController } from '../controller-context';
import type { OnboardingState } from './onboarding-controller';

/** A slice of the welcome screen's state; the selector must return a stored value (or a primitive). */
export function useOnboardingState<T>(select: (state: OnboardingState) => T): T {
  const { onboarding } = useController();
  return useSyncExternalStore(onboarding.store.subscribe, () => select(onboarding.store.getState()));
}
