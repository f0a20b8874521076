import { useEffect, useSyncExternalStore } from 'react';
import { useController } from '../controller-context';
import type { ToolsState } from './tools-controller';

/** A slice of the tools state (the selector returns a stored value, never a new object). */
export function useToolsState<T>(select: (state: ToolsState) => T): T {
  const { tools } = useController();
  return useSyncExternalStore(tools.store.subscribe, () => select(tools.store.getState()));
}

/** As `useToolsState`, and keeps sources and settings live from `tools.changed` while mounted. */
export function useTools<T>(select: (state: ToolsState) => T): T {
  const { tools } = useController();
  useEffect(() => tools.watch(), [tools]);
  return useToolsState(select);
}
