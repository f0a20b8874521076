import type { Message } from '../../../shared/domain/conversation';

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A duration as people read it: "850 ms", "1.2 s", "14 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${whole.format(Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${oneDecimal.format(seconds)} s`;
  if (seconds < 60) return `${whole.format(Math.round(seconds))} s`;
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** A generation rate: "38 tok/s", "7.5 tok/s". */
export function formatRate(tokensPerSecond: number): string {
  if (!Number.isFinite(tokensPerSecond) || tokensPerSecond < 0) return '';
  const value = tokensPerSecond < 10 ? oneDecimal.format(tokensPerSecond) : whole.format(tokensPerSecond);
  return `${value} tok/s`;
}

export function formatTokens(count: number): string {
  return whole.format(count);
}

/** When the reply was made, to the second, in the user's locale. */
export function formatCreated(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}

/** What a finish reason means, for the words next to the raw value. */
export function finishReasonText(reason: string | undefined): string {
  switch (reason) {
    case undefined:
    case '':
      return 'not reported';
    case 'stop':
      return 'stop (the model finished)';
    case 'length':
      return 'length (cut off at the token limit)';
    case 'content_filter':
      return 'content_filter (stopped by a content filter)';
    case 'tool_calls':
    case 'function_call':
      return `${reason} (the model asked to call a tool)`;
    default:
      return reason;
  }
}

/**
 * The compact timings under a finished reply: total time, then rate. Empty when the reply has no
 * metrics (saved before they were recorded).
 */
export function timingParts(message: Pick<Message, 'metrics'>): string[] {
  const metrics = message.metrics;
  if (!metrics) return [];
  const parts: string[] = [];
  if (metrics.totalMs !== undefined) parts.push(formatDuration(metrics.totalMs));
  if (metrics.tokensPerSecond !== undefined) parts.push(formatRate(metrics.tokensPerSecond));
  return parts;
}

/** The same, spelled out for a tooltip and screen readers. */
export function timingDescription(message: Pick<Message, 'metrics'>): string {
  const metrics = message.metrics;
  if (!metrics) return '';
  const parts: string[] = [];
  if (metrics.totalMs !== undefined) parts.push(`took ${formatDuration(metrics.totalMs)}`);
  if (metrics.ttftMs !== undefined) parts.push(`first token after ${formatDuration(metrics.ttftMs)}`);
  if (metrics.ttfrMs !== undefined && metrics.ttfaMs !== undefined) {
    parts.push(`answer after ${formatDuration(metrics.ttfaMs)}`);
  }
  if (metrics.tokensPerSecond !== undefined) parts.push(`${formatRate(metrics.tokensPerSecond)}`);
  return parts.join(', ');
}

/** Whether a reply has anything for its details panel. */
export function hasReplyDetails(message: Message): boolean {
  return (
    message.metrics !== undefined ||
    message.usage !== undefined ||
    message.responseId !== undefined ||
    message.finishReason !== undefined
  );
}

const notReported = 'not reported';

/**
 * The rows of a reply's details panel, in order. The reasoning figures appear only for a reply that
 * reasoned: time to first reasoning token, time to first answer token (after the thinking), and the
 * reasoning tokens when the server counted them (`completion_tokens_details.reasoning_tokens`).
 */
export function replyDetailRows(message: Message): [string, string][] {
  const { metrics, usage } = message;
  const estimated = metrics?.usageEstimated === true;
  const tokens = (count: number | undefined) =>
    count === undefined ? notReported : `${formatTokens(count)}${estimated ? ' (estimated)' : ''}`;
  const duration = (ms: number | undefined) => (ms !== undefined ? formatDuration(ms) : notReported);
  const reasoned =
    metrics?.ttfrMs !== undefined ||
    usage?.reasoningTokens !== undefined ||
    message.parts.some((part) => part.type === 'reasoning');
  const rows: [string, string][] = [
    ['Response id', message.responseId ?? notReported],
    ['Model (as reported)', message.model ?? notReported],
    ['Profile', message.profileName ?? notReported],
    ['Created', formatCreated(message.createdAt)],
    ['Finish reason', finishReasonText(message.finishReason)],
    ['Prompt tokens', tokens(usage?.promptTokens)],
    ['Completion tokens', tokens(usage?.completionTokens)],
  ];
  // Reported by the server only: never estimated, so never marked so.
  if (usage?.reasoningTokens !== undefined)
    rows.push(['Reasoning tokens', formatTokens(usage.reasoningTokens)]);
  rows.push(['Total tokens', tokens(usage?.totalTokens)], ['Time to first token', duration(metrics?.ttftMs)]);
  if (reasoned) {
    rows.push(
      ['Time to first reasoning token', duration(metrics?.ttfrMs)],
      [
        'Time to first answer token',
        metrics?.ttfaMs !== undefined ? formatDuration(metrics.ttfaMs) : 'no answer',
      ],
    );
  }
  rows.push(
    ['Total time', duration(metrics?.totalMs)],
    [
      'Tokens per second',
      metrics?.tokensPerSecond !== undefined ? formatRate(metrics.tokensPerSecond) : 'not measured',
    ],
    ['Retries', metrics ? String(metrics.retries) : notReported],
  );
  return rows;
}
