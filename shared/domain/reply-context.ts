import { z } from 'zod';

/**
 * What one request held, saved on the reply it produced. Trimming always drops the oldest turns, so
 * the left-out messages are every sendable message before `firstKeptId` except the system prompt
 * (`omittedIdsOf` lists them). Stored as a count and a boundary rather than a list of ids, so a long
 * conversation does not store ever-growing id lists on every reply.
 */
export const replyContextSchema = z.object({
  contextLength: z.number().int().positive(),
  budgetTokens: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  estimated: z.boolean(),
  /** How many messages were left out (0: the whole history was sent). */
  omittedCount: z.number().int().nonnegative(),
  /** The oldest message that was sent after the system prompt. */
  firstKeptId: z.string().optional(),
  /** The system prompt and the newest turn alone did not fit; they were sent anyway. */
  overBudget: z.boolean().optional(),
});
export type ReplyContext = z.infer<typeof replyContextSchema>;
