import { z } from 'zod';

/**
 * What a reply cost in time, kept with every assistant message and every compare cell.
 * Timestamps are epoch milliseconds taken in main; durations are derived from them by
 * `computeMetrics`, the one place the arithmetic lives.
 */
export const replyMetricsSchema = z.object({
  /** When the request that produced the reply was sent (the last attempt, after any retries). */
  requestedAt: z.number(),
  /** When the first text of the reply arrived. */
  firstTokenAt: z.number().optional(),
  /** When the stream ended (finished, cancelled or failed). */
  finishedAt: z.number().optional(),
  /** Time to first token: `firstTokenAt - requestedAt`. */
  ttftMs: z.number().nonnegative().optional(),
  /** Whole request: `finishedAt - requestedAt`. */
  totalMs: z.number().nonnegative().optional(),
  /** Generation rate: completion tokens over the time from the first token to the end. */
  tokensPerSecond: z.number().nonnegative().optional(),
  /** Attempts beyond the first before this reply (retries before the first token). */
  retries: z.number().int().nonnegative(),
  /** True when the server reported no usage and the token counts are our tokenizer's estimate. */
  usageEstimated: z.boolean(),
});
export type ReplyMetrics = z.infer<typeof replyMetricsSchema>;

export interface MetricsInput {
  requestedAt: number;
  firstTokenAt?: number;
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
