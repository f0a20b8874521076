import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppController } from './app-controller';
import type { AppState } from './app-state';

export const ControllerContext = createContext<AppController | undefined>(undefined);

export function useController(): AppController {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController needs a ControllerContext provider.');
  return controller;
}

/** A slice of app state; the selector must return a stored value (not build a new object) to stay stable. */
export function useAppState<T>(select: (state: AppState) => T): T {
  const { store } = useController();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
