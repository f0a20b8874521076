import { z } from 'zod';
import { ATTACHMENT_NAME_MAX, documentFormats, imageMimeTypes } from './attachment-limits';

/**
 * A message is an ordered list of typed parts. This version knows `text`, `reasoning`, `image` and
 * `file`; tool
 * calls, tool results, images and files are added as further members of the same union (each with
 * `type` and `id`), so no stored message is reshaped when they arrive. A part of a type this version
 * does not know comes from a newer version: the store keeps that file read-only and reports it.
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

export type AttachmentPart = ImagePart | FilePart;
export const attachmentPartSchema = z.discriminatedUnion('type', [imagePartSchema, filePartSchema]);

export const messagePartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  reasoningPartSchema,
  imagePartSchema,
  filePartSchema,
]);
export type MessagePart = z.infer<typeof messagePartSchema>;
export type MessagePartType = MessagePart['type'];

/** The part types this version reads; anything else was written by a newer version. */
export const knownPartTypes: readonly MessagePartType[] = ['text', 'reasoning', 'image', 'file'];

/** The kinds of part that grow by streamed text. */
export type StreamedPartType = 'text' | 'reasoning';
