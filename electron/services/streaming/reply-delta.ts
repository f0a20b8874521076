import type { StreamedPartType } from '../../../shared/domain/message-parts';

/**
 * One piece of a reply, in order: answer text or reasoning text (whichever field or tag the server
 * used), or `retag`: the answer text received so far was reasoning after all (its closing tag
 * arrived; the opening one was already in the prompt), so the caller turns it into a reasoning
 * part. Later kinds (tool calls) are added as members of this union.
 */
export type ReplyDelta = { kind: StreamedPartType; text: string } | { kind: 'retag' };

/** A piece that carries text (not a `retag`). */
export type ReplyTextPiece = Extract<ReplyDelta, { text: string }>;
