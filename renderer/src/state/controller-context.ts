import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppController } from './app-controller';
import type { AppState } from './app-state';
import type { LiveReply } from './chat/stream-store';

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

/** A reply's live snapshot while it streams; changes at most once per animation frame. */
export function useLiveReply(replyId: string | undefined): LiveReply | undefined {
  const { streams } = useController();
  return useSyncExternalStore(streams.subscribe, () => streams.getReply(replyId));
}

/** The id of the stream running in a conversation, if any. */
export function useActiveStream(conversationId: string | undefined): string | undefined {
  const { streams } = useController();
  return useSyncExternalStore(streams.subscribe, () => streams.activeStreamFor(conversationId));
}
