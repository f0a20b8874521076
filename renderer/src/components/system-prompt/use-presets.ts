import { useEffect, useSyncExternalStore } from 'react';
import { useController } from '../../state/controller-context';
import type { PresetState } from '../../state/presets/preset-controller';

/** The preset library, loaded the first time a component asks for it. */
export function usePresets(): PresetState {
  const { presets } = useController();
  useEffect(() => void presets.load(), [presets]);
  return useSyncExternalStore(presets.store.subscribe, presets.store.getState);
}
