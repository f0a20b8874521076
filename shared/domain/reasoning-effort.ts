import { z } from 'zod';

/**
 * How hard a reasoning model should think, sent as `reasoning_effort` only when the user chose one
 * (a profile's default, or a conversation's own). `none` turns thinking off where the server accepts
 * it (Ollama does; OpenAI's o-series do not).
 */
export const reasoningEfforts = ['none', 'low', 'medium', 'high'] as const;
export const reasoningEffortSchema = z.enum(reasoningEfforts, {
  error: 'Reasoning effort is one of none, low, medium or high.',
});
export type ReasoningEffort = z.infer<typeof reasoningEffortSchema>;
