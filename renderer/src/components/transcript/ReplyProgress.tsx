import type { useLiveReply } from '../../state/chat/use-streams';
import { RetryCountdown } from './RetryCountdown';

/** The live reply's snapshot, as the one live reply store hands it out. */
type LiveReply = ReturnType<typeof useLiveReply>;

function Cursor() {
  return <span className="cursor" aria-hidden="true" />;
}

/**
 * Where a reply in progress stands. Once text flows the cursor is drawn by CSS at the end of the
 * text; before that it stands alone, with what the backend is doing.
 */
export function ReplyProgress({ live, hasText }: { live: LiveReply; hasText: boolean }) {
  const cursor = hasText ? null : <Cursor />;
  switch (live?.phase) {
    case 'waiting':
      return (
        <div className="reply-progress">
          {cursor}
          <span className="thinking">Thinking…</span>
        </div>
      );
    case 'loading':
      return (
        <div className="reply-progress">
          {cursor}
          <span>Loading model… (a local model can take a minute to load)</span>
        </div>
      );
    case 'retrying':
      return <RetryCountdown retry={live.retry} />;
    default:
      return cursor;
  }
}
