import { useActiveStream, useAppState } from '../../state/controller-context';
import { EmptyState } from './EmptyState';
import { JumpToLatestButton } from './JumpToLatestButton';
import { MessageItem } from './MessageItem';
import { useFollowBottom } from './use-follow-bottom';

/** The conversation so far, as a polite live log; follows a streaming reply unless the user scrolls up. */
export function Transcript() {
  const open = useAppState((s) => s.open);
  const showEmpty = useAppState(
    (s) => s.conversationsLoaded && (s.open ? s.open.messages.length === 0 : s.selectedId === undefined),
  );
  // Only one Retry at a time: a failed action's notice has its own.
  const noticeOffersRetry = useAppState((s) => s.notice?.retry !== undefined);
  const activeStream = useActiveStream(open?.id);
  const messages = open?.messages ?? [];
  const lastUser = messages.findLast((m) => m.role === 'user');
  const { scroller, content, away, onScroll, onWheel, jump } = useFollowBottom(open?.id, lastUser?.id);

  return (
    <div className="transcript-frame">
      <div
        ref={scroller}
        className="transcript"
        role="log"
        aria-live="polite"
        aria-label="Transcript"
        tabIndex={0}
        onScroll={onScroll}
        onWheel={onWheel}
      >
        <div ref={content} className="transcript-content">
          {showEmpty && <EmptyState />}
          {messages.map((message, index) => (
            <MessageItem
              key={message.id}
              message={message}
              canRetry={
                index === messages.length - 1 &&
                message.role === 'assistant' &&
                !activeStream &&
                !noticeOffersRetry
              }
            />
          ))}
        </div>
      </div>
      {away && messages.length > 0 && <JumpToLatestButton onClick={jump} />}
    </div>
  );
}
