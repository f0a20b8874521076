import { createContext, useContext, useSyncExternalStore } from 'react';
import type { DesktopController, DesktopState } from './desktop-controller';

export const DesktopContext = createContext<DesktopController | undefined>(undefined);

export function useDesktop(): DesktopController {
  const desktop = useContext(DesktopContext);
  if (!desktop) throw new Error('useDesktop needs a DesktopContext provider.');
  return desktop;
}

/** A slice of the desktop state; the selector must return a stored value to stay stable. */
export function useDesktopState<T>(select: (state: DesktopState) => T): T {
  const { store } = useDesktop();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
