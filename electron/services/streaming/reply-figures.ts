import type { Usage } from '../../../shared/domain/conversation';
import { type ReplyMetrics } from '../../../shared/domain/reply-metrics';
import { computeMetrics } from '../../../shared/domain/compute-metrics';
import { estimateTokens, estimateUsage, type TextMessage } from '../tokens/token-estimate';
import type { StreamedCompletion } from './stream-completion';

/**
 * A finished, failed or cancelled stream's usage and metrics: the server's usage when it sent one,
 * else our estimate (counted once, here, never per delta) marked as such. Chat and compare both
 * use this, so a reply and a compare cell are measured the same way.
 */
export async function replyFigures(
  stream: StreamedCompletion,
  retries: number,
  prompt: readonly TextMessage[],
): Promise<{ usage?: Usage; metrics: ReplyMetrics }> {
  const usage = stream.usage ?? (await estimatedUsage(stream, prompt));
  const metrics = computeMetrics({
    requestedAt: stream.requestedAt,
    ...(stream.firstTokenAt !== undefined ? { firstTokenAt: stream.firstTokenAt } : {}),
    ...(stream.firstReasoningAt !== undefined ? { firstReasoningAt: stream.firstReasoningAt } : {}),
    ...(stream.firstAnswerAt !== undefined ? { firstAnswerAt: stream.firstAnswerAt } : {}),
    ...(stream.finishedAt !== undefined ? { finishedAt: stream.finishedAt } : {}),
    ...(usage ? { completionTokens: usage.completionTokens } : {}),
    retries,
    usageEstimated: usage !== undefined && stream.usage === undefined,
  });
  return usage ? { usage, metrics } : { metrics };
}

/**
 * Our count when the server sent none: reasoning is generated like the answer, so it counts as
 * completion tokens too (and as the reasoning share of them). Nothing generated: no usage.
 */
async function estimatedUsage(
  stream: StreamedCompletion,
  prompt: readonly TextMessage[],
): Promise<Usage | undefined> {
  if (stream.text.length === 0 && stream.reasoning.length === 0) return undefined;
  const usage = await estimateUsage(prompt, stream.reasoning + stream.text);
  if (!usage || stream.reasoning.length === 0) return usage;
  const reasoningTokens = Math.min(usage.completionTokens, await estimateTokens(stream.reasoning));
  return { ...usage, reasoningTokens };
}

/** Request messages as text, for the estimate: a message with attachments counts its text parts. */
export function asText(messages: readonly { role: string; content?: unknown }[]): TextMessage[] {
  return messages.map((m) => ({ role: m.role, content: textOf(m.content) }));
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p: { type?: unknown; text?: unknown }) =>
      p?.type === 'text' && typeof p.text === 'string' ? p.text : '',
    )
    .join('\n');
}
