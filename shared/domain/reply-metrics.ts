import { z } from 'zod';

/**
 * What a reply cost in time, kept with every assistant message and every compare cell.
 * Timestamps are epoch milliseconds taken in main; durations are derived from them by
 * `computeMetrics`, the one place the arithmetic lives.
 */
export const replyMetricsSchema = z.object({
  /** When the request that produced the reply was sent (the last attempt, after any retries). */
  requestedAt: z.number(),
  /** When the first text of the reply arrived (reasoning or answer, whichever came first). */
  firstTokenAt: z.number().optional(),
  /** When the first reasoning token arrived. */
  firstReasoningAt: z.number().optional(),
  /** When the first answer token arrived (after any reasoning). */
  firstAnswerAt: z.number().optional(),
  /** When the stream ended (finished, cancelled or failed). */
  finishedAt: z.number().optional(),
  /** Time to first token: `firstTokenAt - requestedAt`. */
  ttftMs: z.number().nonnegative().optional(),
  /** Time to first reasoning token: `firstReasoningAt - requestedAt`. */
  ttfrMs: z.number().nonnegative().optional(),
  /** Time to first answer token: `firstAnswerAt - requestedAt`. */
  ttfaMs: z.number().nonnegative().optional(),
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
