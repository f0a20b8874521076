import { z } from 'zod';

/**
 * A message is an ordered list of typed parts. This version knows `text` and `reasoning`; tool
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

export const messagePartSchema = z.discriminatedUnion('type', [textPartSchema, reasoningPartSchema]);
export type MessagePart = z.infer<typeof messagePartSchema>;
export type MessagePartType = MessagePart['type'];

/** The part types this version reads; anything else was written by a newer version. */
export const knownPartTypes: readonly MessagePartType[] = ['text', 'reasoning'];

/** The kinds of part that grow by streamed text. */
export type StreamedPartType = 'text' | 'reasoning';
