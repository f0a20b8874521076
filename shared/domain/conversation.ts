import { z } from 'zod';
import { replyContextSchema } from './reply-context';
import { userErrorSchema } from './user-error-schema';
import { replyMetricsSchema } from './reply-metrics';
import { messagePartSchema } from './message-parts';
import { reasoningEffortSchema } from './reasoning-effort';

/**
 * How a message stands. A reply that did not finish keeps its text and says why:
 * `cancelled` by the user, `incomplete` when the stream ended or broke before the server
 * said it was done, `failed` when nothing usable arrived.
 */
export const messageStatuses = ['streaming', 'complete', 'cancelled', 'incomplete', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const usageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** Of the completion, the tokens spent thinking, where the server reports them (`completion_tokens_details`). */
  reasoningTokens: z.number().int().nonnegative().optional(),
});
export type Usage = z.infer<typeof usageSchema>;

export const messageSchema = z.object({
  id: z.string().min(1),
  role: z.enum(['system', 'user', 'assistant']),
  /** The body, as ordered typed parts (message-parts.ts); read it with message-content.ts. */
  parts: z.array(messagePartSchema),
  createdAt: z.number(),
  status: z.enum(messageStatuses),
  /** Assistant replies: the model the server said answered, and why it stopped. */
  model: z.string().optional(),
  /** Assistant replies: the backend profile that produced it (its name as it was then). */
  profileId: z.string().optional(),
  profileName: z.string().optional(),
  finishReason: z.string().optional(),
  usage: usageSchema.optional(),
  responseId: z.string().optional(),
  /** Assistant replies: timings and whether `usage` was estimated (the server sent none). */
  metrics: replyMetricsSchema.optional(),
  /** Assistant replies: what the request held against the context budget (which turns were left out). */
  context: replyContextSchema.optional(),
  /** The system prompt: the preset it was taken from, while unedited. */
  presetId: z.string().optional(),
  error: userErrorSchema.optional(),
  /**
   * The other versions of the conversation from this message on (Regenerate makes one at a reply,
   * Edit & resend at a user message), as ChatGPT keeps them: `others` are whole tails of messages
   * starting at this message's place, and the tail shown now (this message and all after it) sits at
   * position `shown` among them — versions in order are
   * `[...others.slice(0, shown), <shown tail>, ...others.slice(shown)]`. Only the shown tail is sent
   * to the model, counted, searched; `chat.showVersion` swaps tails. Read with reply-versions.ts.
   */
  get versions() {
    return z
      .object({
        shown: z.number().int().nonnegative(),
        others: z.array(z.array(messageSchema)).min(1),
      })
      .optional();
  },
});
export type Message = z.infer<typeof messageSchema>;
export type MessageVersions = NonNullable<Message['versions']>;

export const conversationSummarySchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  model: z.string().optional(),
  messageCount: z.number().int().nonnegative(),
  /** The backend this conversation talks to; absent means the default profile. */
  profileId: z.string().optional(),
  /** The model chosen for this conversation; absent means the profile's default model. */
  chosenModel: z.string().optional(),
  /** Listed first. */
  pinned: z.boolean().optional(),
  /** The user named it: the title no longer follows the first message. */
  titleEdited: z.boolean().optional(),
  /** Sent as `reasoning_effort` only when set; overrides the profile's. */
  reasoningEffort: reasoningEffortSchema.optional(),
  /** The tool sources turned on here (`tasks`, MCP server ids); absent or empty: no tools are sent. */
  tools: z.array(z.string().min(1).max(200)).max(100).optional(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const conversationSchema = conversationSummarySchema.extend({
  messages: z.array(messageSchema),
});
export type Conversation = z.infer<typeof conversationSchema>;
