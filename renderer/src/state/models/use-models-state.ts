import { useSyncExternalStore } from 'react';
import { useController } from '../controller-context';
import type { ModelsState } from './models-controller';

/** A slice of Ollama model management's state; the selector must return a stored value (or a primitive). */
export function useModelsState<T>(select: (state: ModelsState) => T): T {
  const { models } = useController();
  return useSyncExternalStore(models.store.subscribe, () => select(models.store.getState()));
}
