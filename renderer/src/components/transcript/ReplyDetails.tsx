import type { Message } from '../../../../shared/domain/conversation';
import {
  finishReasonText,
  formatCreated,
  formatDuration,
  formatRate,
  formatTokens,
} from '../../format/reply-metrics';
import '../../styles/reply-details.css';

const notReported = 'not reported';

/**
 * Everything kept about how a reply was made, in full: what the server said (response id, model,
 * finish reason, token usage, or our estimate when it sent none) and what the app measured
 * (time to first token, total time, rate, retries).
 */
export function ReplyDetails({ id, message }: { id: string; message: Message }) {
  const { metrics, usage } = message;
  const estimated = metrics?.usageEstimated === true;
  const tokens = (count: number | undefined) =>
    count === undefined ? notReported : `${formatTokens(count)}${estimated ? ' (estimated)' : ''}`;
  const rows: [string, string][] = [
    ['Response id', message.responseId ?? notReported],
    ['Model (as reported)', message.model ?? notReported],
    ['Profile', message.profileName ?? notReported],
    ['Created', formatCreated(message.createdAt)],
    ['Finish reason', finishReasonText(message.finishReason)],
    ['Prompt tokens', tokens(usage?.promptTokens)],
    ['Completion tokens', tokens(usage?.completionTokens)],
    ['Total tokens', tokens(usage?.totalTokens)],
    ['Time to first token', metrics?.ttftMs !== undefined ? formatDuration(metrics.ttftMs) : notReported],
    ['Total time', metrics?.totalMs !== undefined ? formatDuration(metrics.totalMs) : notReported],
    [
      'Tokens per second',
      metrics?.tokensPerSecond !== undefined ? formatRate(metrics.tokensPerSecond) : 'not measured',
    ],
    ['Retries', metrics ? String(metrics.retries) : notReported],
  ];
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
