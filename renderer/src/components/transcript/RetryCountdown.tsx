import { retryLabel, secondsLeft } from '../../format/retry-countdown';
import type { RetryInfo } from '../../state/chat/stream-store';
import { useNow } from '../../state/core/use-now';

/** "Retrying 2/3 in 4 s", counting down, with the reason underneath. */
export function RetryCountdown({ retry }: { retry: RetryInfo | undefined }) {
  const now = useNow(250);
  const seconds = retry ? secondsLeft(retry.deadline, now) : undefined;
  return (
    <div className="reply-progress">
      <span>{retryLabel(retry?.attempt, retry?.maxAttempts, seconds)}</span>
      {retry?.reason && <span className="reply-progress-reason">{retry.reason}</span>}
    </div>
  );
}
