import { useSyncExternalStore } from 'react';
import type { CompareState } from '../../state/compare/compare-state';
import { useController } from '../../state/controller-context';

/** A slice of the compare view's state; the selector must return a stored value (or a primitive). */
export function useCompareState<T>(select: (state: CompareState) => T): T {
  const { compare } = useController();
  return useSyncExternalStore(compare.store.subscribe, () => select(compare.store.getState()));
}
