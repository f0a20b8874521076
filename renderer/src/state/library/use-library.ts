import { useSyncExternalStore } from 'react';
import { useController } from '../controller-context';
import type { LibraryController, LibraryState } from './library-controller';
import type { SearchState } from './library-search';

export function useLibrary(): LibraryController {
  return useController().library;
}

/** A slice of the library's state; the selector must return a stored value to stay stable. */
export function useLibraryState<T>(select: (state: LibraryState) => T): T {
  const { store } = useLibrary();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/** A slice of the sidebar search's state. */
export function useSearchState<T>(select: (state: SearchState) => T): T {
  const { store } = useLibrary().search;
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
