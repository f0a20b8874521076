import { z } from 'zod';
import { ATTACHMENT_NAME_MAX, documentFormats, imageMimeTypes } from './attachment-limits';

/**
 * A message is an ordered list of typed parts. This version knows `text`, `reasoning`, `image`,
 * `file`, `tool-call` and `tool-result`; a new kind is a further member of the same union (each with
 * `type` and `id`), so no stored message is reshaped when it arrives. A part of a type this version
 * does not know comes from a newer version: the store keeps that file read-only and reports it.
 *
 * A reply that used tools holds the whole loop in order, e.g. reasoning, text, tool-call ×2,
 * tool-result ×2, text: the request to the model is rebuilt from it as an assistant message with
 * `tool_calls`, then one `tool` message per result, then the next assistant message.
 */

const partId = z.string().min(1).max(64);

/** What the model answered (or the user wrote): the only kind sent back to a model as history. */
export const textPartSchema = z.object({
  type: z.literal('text'),
  id: partId,
  text: z.string(),
});
export type TextPart = z.infer<typeof textPartSchema>;

/**
 * What a reasoning model thought before answering: shown folded, never sent back to the model,
 * never copied as the answer, not searched.
 */
export const reasoningPartSchema = z.object({
  type: z.literal('reasoning'),
  id: partId,
  text: z.string(),
  /** Epoch ms when the first reasoning token arrived (the live "Thinking…" timer starts here). */
  startedAt: z.number().optional(),
  /** From the first reasoning token until the answer started or the stream ended. */
  durationMs: z.number().nonnegative().optional(),
  /** The stream stopped while the model was still thinking (no closing tag, or no answer). */
  incomplete: z.boolean().optional(),
});
export type ReasoningPart = z.infer<typeof reasoningPartSchema>;

/** A SHA-256 of the stored bytes, lower-case hex: attachments are kept once per content. */
export const attachmentHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'An attachment id is a SHA-256 hex digest.');

const attachmentFields = {
  id: partId,
  /** The stored bytes (for an image: as downscaled and re-encoded, without metadata). */
  hash: attachmentHashSchema,
  /** The file's name as the user had it (shown, and given to the model with a document's text). */
  name: z.string().min(1).max(ATTACHMENT_NAME_MAX),
  size: z.number().int().nonnegative(),
};

/** An image the user attached, sent to a vision model as an `image_url` part with a data URL. */
export const imagePartSchema = z.object({
  type: z.literal('image'),
  ...attachmentFields,
  mimeType: z.enum(imageMimeTypes),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type ImagePart = z.infer<typeof imagePartSchema>;

/** A document the user attached; its text (extracted once, stored by `textHash`) goes to the model with its name. */
export const filePartSchema = z.object({
  type: z.literal('file'),
  ...attachmentFields,
  mimeType: z.string().min(1).max(100),
  format: z.enum(documentFormats),
  /** The extracted text, stored as UTF-8 like any attachment. */
  textHash: attachmentHashSchema,
  textChars: z.number().int().nonnegative(),
  /** PDF: pages read. */
  pages: z.number().int().nonnegative().optional(),
  /** The user chose to send only the first this many characters (the model is told it was cut). */
  cutToChars: z.number().int().nonnegative().optional(),
});
export type FilePart = z.infer<typeof filePartSchema>;

/** Where a tool comes from: the built-in task list, or an MCP server (named as it was then). */
export const toolSourceSchema = z.object({
  kind: z.enum(['builtin', 'mcp']),
  /** `tasks` for the built-in task list; the MCP server's id otherwise. */
  id: z.string().min(1).max(64),
  /** Shown on the card and in the approval prompt, e.g. "Task list", "filesystem". */
  name: z.string().min(1).max(128),
});
export type ToolSource = z.infer<typeof toolSourceSchema>;

/**
 * How a tool call stands: `streaming` while its arguments arrive, `awaiting-approval` while the user
 * decides (Allow once / Always / Deny, `tools.decide`), then `running`, and how it ended.
 */
export const toolCallStatuses = [
  'streaming',
  'awaiting-approval',
  'running',
  'done',
  'failed',
  'denied',
  'cancelled',
] as const;
export type ToolCallStatus = (typeof toolCallStatuses)[number];

/** A call the model made. Its arguments are untrusted text: shown as sent, checked against the tool's schema. */
export const toolCallPartSchema = z.object({
  type: z.literal('tool-call'),
  id: partId,
  /** The model's id for the call (one is made when the backend sent none); its result answers it. */
  callId: z.string().min(1).max(256),
  /** The tool's name as the model called it. */
  name: z.string().max(256),
  source: toolSourceSchema.optional(),
  /** The arguments as the model sent them (JSON text, perhaps invalid). */
  arguments: z.string(),
  status: z.enum(toolCallStatuses),
  /** The compact card's line, e.g. "Created task · Q4 Budget Review · High · due Fri". */
  summary: z.string().max(500).optional(),
  /** Whether the tool changes something (it then asks first, unless always allowed or built in). */
  sideEffects: z.boolean().optional(),
  startedAt: z.number().optional(),
  durationMs: z.number().nonnegative().optional(),
});
export type ToolCallPart = z.infer<typeof toolCallPartSchema>;

/**
 * What a call gave back, exactly as it went to the model in the `tool` message: a failure, a denial
 * or a schema error is a result too (`isError`), so the model and the user both see it.
 */
export const toolResultPartSchema = z.object({
  type: z.literal('tool-result'),
  id: partId,
  callId: z.string().min(1).max(256),
  name: z.string().max(256),
  /** Untrusted: rendered like model output. */
  content: z.string(),
  isError: z.boolean(),
  /** The result was longer (this many characters) and was cut to fit the context; the model was told. */
  cutFromChars: z.number().int().nonnegative().optional(),
});
export type ToolResultPart = z.infer<typeof toolResultPartSchema>;

export type AttachmentPart = ImagePart | FilePart;
export const attachmentPartSchema = z.discriminatedUnion('type', [imagePartSchema, filePartSchema]);

export const messagePartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  reasoningPartSchema,
  imagePartSchema,
  filePartSchema,
  toolCallPartSchema,
  toolResultPartSchema,
]);
export type MessagePart = z.infer<typeof messagePartSchema>;
export type MessagePartType = MessagePart['type'];

/** The part types this version reads; anything else was written by a newer version. */
export const knownPartTypes: readonly MessagePartType[] = [
  'text',
  'reasoning',
  'image',
  'file',
  'tool-call',
  'tool-result',
];

/** The kinds of part that grow by streamed text. */
export type StreamedPartType = 'text' | 'reasoning';
