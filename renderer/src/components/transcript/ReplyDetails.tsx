import type { Message } from '../../../../shared/domain/conversation';
import { replyDetailRows } from '../../format/reply-metrics';
import '../../styles/reply-details.css';

/**
 * Everything kept about how a reply was made, in full: what the server said (response id, model,
 * finish reason, token usage, or our estimate when it sent none) and what the app measured
 * (time to first token, to first reasoning and answer token when it reasoned, total time, rate,
 * retries).
 */
export function ReplyDetails({ id, message }: { id: string; message: Message }) {
  const estimated = message.metrics?.usageEstimated === true;
  const rows = replyDetailRows(message);
  return (
    <div id={id} className="reply-details" role="group" aria-label="Reply details">
      <dl className="reply-details-list">
        {rows.map(([term, value]) => (
          <div key={term} className="reply-details-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {estimated && (
        <p className="reply-details-note">
          The server reported no token usage; the counts are estimated with a tokenizer.
        </p>
      )}
    </div>
  );
}
