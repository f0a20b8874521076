import { z } from 'zod';

/** A store file that could not be read: moved aside, never silently replaced, and shown to the user. */
export const storeProblemSchema = z.object({
  file: z.string(),
  movedTo: z.string(),
  reason: z.string(),
  at: z.number(),
  /** What was done about it, e.g. "the conversation list was rebuilt from the conversation files". */
  recovery: z.string(),
});
export type StoreProblem = z.infer<typeof storeProblemSchema>;
