import type { ReplyMetrics } from './reply-metrics';

export interface MetricsInput {
  requestedAt: number;
  firstTokenAt?: number;
  firstReasoningAt?: number;
  firstAnswerAt?: number;
  finishedAt?: number;
  completionTokens?: number;
  retries: number;
  usageEstimated: boolean;
}

/**
 * Durations and rate from timestamps. The rate needs at least two tokens and a measurable span
 * after the first token (a one-token reply has no rate); otherwise it is left out, not zero.
 */
export function computeMetrics(input: MetricsInput): ReplyMetrics {
  const { requestedAt, firstTokenAt, finishedAt, completionTokens } = input;
  const metrics: ReplyMetrics = {
    requestedAt,
    retries: input.retries,
    usageEstimated: input.usageEstimated,
  };
  if (firstTokenAt !== undefined) {
    metrics.firstTokenAt = firstTokenAt;
    metrics.ttftMs = Math.max(0, firstTokenAt - requestedAt);
  }
  if (input.firstReasoningAt !== undefined) {
    metrics.firstReasoningAt = input.firstReasoningAt;
    metrics.ttfrMs = Math.max(0, input.firstReasoningAt - requestedAt);
  }
  if (input.firstAnswerAt !== undefined) {
    metrics.firstAnswerAt = input.firstAnswerAt;
    metrics.ttfaMs = Math.max(0, input.firstAnswerAt - requestedAt);
  }
  if (finishedAt !== undefined) {
    metrics.finishedAt = finishedAt;
    metrics.totalMs = Math.max(0, finishedAt - requestedAt);
  }
  if (firstTokenAt !== undefined && finishedAt !== undefined && completionTokens !== undefined) {
    const generatingMs = finishedAt - firstTokenAt;
    // The first token's own time is in the TTFT, so the rate counts the tokens after it.
    if (completionTokens >= 2 && generatingMs > 0)
      metrics.tokensPerSecond = ((completionTokens - 1) * 1000) / generatingMs;
  }
  return metrics;
}
