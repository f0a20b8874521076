import { z } from 'zod';

/** Why something failed, as the user needs to know it: what happened and what fixes it. */
export const errorCodes = [
  'invalid-input',
  'invalid-url',
  'backend-unreachable',
  'timeout',
  'auth',
  'forbidden',
  'model-not-found',
  'no-models',
  'rate-limited',
  'server-error',
  'bad-request',
  'stalled',
  'connection-lost',
  'incomplete',
  'bad-response',
  'not-found',
  'busy',
  'offline',
  'needs-replacement',
  'store-damaged',
  'shortcut-unavailable',
  'not-supported',
  /** The backend or model cannot use tools (no "tools" capability, llama.cpp without --jinja, a 400). */
  'tools-unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const userErrorSchema = z.object({
  code: z.enum(errorCodes),
  /** The cause, in one sentence. */
  message: z.string(),
  /** The action that fixes it, in one sentence. */
  fix: z.string(),
  /** The raw detail (HTTP status, server message) for the curious; never a secret. */
  detail: z.string().optional(),
  /** Whether trying the same thing again may succeed without changing anything. */
  retryable: z.boolean(),
  /** Bad input: the reason per form field (e.g. `baseUrl`, `params.temperature`), shown at the field. */
  fields: z.record(z.string(), z.string()).optional(),
  /** Where the fix is done, when the app can take the user there (e.g. the profile with the wrong key). */
  action: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('open-profile'), profileId: z.string() }),
      /** Tools were refused: the window offers to send again with the conversation's tools off. */
      z.object({ kind: z.literal('turn-off-tools'), conversationId: z.string() }),
    ])
    .optional(),
});
export type UserError = z.infer<typeof userErrorSchema>;
