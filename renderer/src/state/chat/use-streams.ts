import { useSyncExternalStore } from 'react';
import { useController } from '../controller-context';
import type { LiveReply } from './stream-store';

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
