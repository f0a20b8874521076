import type { AttachmentPart, MessagePart, ReasoningPart, StreamedPartType, TextPart } from './message-parts';

/**
 * Reading and growing a message's parts: the one place both main (assembling a reply) and the
 * renderer (showing a live one) do it, so the two can never disagree about what a delta means.
 */

type HasParts = { readonly parts: readonly MessagePart[] };

/** The answer: every text part, in order. What Copy copies, search finds and the model gets back. */
export function answerText(message: HasParts): string {
  let out = '';
  for (const part of message.parts) if (part.type === 'text') out += part.text;
  return out;
}

/** Everything the model thought, in order. */
export function reasoningText(message: HasParts): string {
  let out = '';
  for (const part of message.parts) if (part.type === 'reasoning') out += part.text;
  return out;
}

export function reasoningParts(message: HasParts): ReasoningPart[] {
  return message.parts.filter((p): p is ReasoningPart => p.type === 'reasoning');
}

/** The images and documents a message carries, in order. */
export function attachmentParts(message: HasParts): AttachmentPart[] {
  return message.parts.filter((p): p is AttachmentPart => p.type === 'image' || p.type === 'file');
}

/** Whether anything arrived at all (answer or reasoning). */
export function hasAnyText(message: HasParts): boolean {
  return message.parts.some((p) => (p.type === 'text' || p.type === 'reasoning') && p.text.length > 0);
}

/** A message body of plain text: one text part (none when empty). */
export function textParts(text: string, id = 't1'): TextPart[] {
  return text === '' ? [] : [{ type: 'text', id, text }];
}

/** One streamed piece of a reply, as the wire carries it: text appended to the part `partId`. */
export interface PartDelta {
  partId: string;
  kind: StreamedPartType;
  text: string;
}

/**
 * Appends a delta in place: to the part with its id, or as a new part at the end. Returns the part.
 * Mutates (main and the renderer's live reply both own their copy; a copy per token would be O(n²)).
 */
export function appendDelta(parts: MessagePart[], delta: PartDelta, at?: number): MessagePart {
  const existing = parts.find((p) => p.id === delta.partId);
  if (existing && (existing.type === 'text' || existing.type === 'reasoning')) {
    existing.text += delta.text;
    return existing;
  }
  const part: MessagePart =
    delta.kind === 'reasoning'
      ? {
          type: 'reasoning',
          id: delta.partId,
          text: delta.text,
          ...(at !== undefined ? { startedAt: at } : {}),
        }
      : { type: 'text', id: delta.partId, text: delta.text };
  parts.push(part);
  return part;
}

/** Puts a whole part in place of the one with its id (its type may change), or appends it. */
export function upsertPart(parts: MessagePart[], part: MessagePart): void {
  const index = parts.findIndex((p) => p.id === part.id);
  if (index === -1) parts.push(part);
  else parts[index] = part;
}
