import type { StreamedPartType } from '../../../shared/domain/message-parts';
import type { AssembledCall } from '../tools/call-assembly';

/**
 * One piece of a reply, in order: answer text or reasoning text (whichever field or tag the server
 * used), or `retag`: the answer text received so far was reasoning after all (its closing tag
 * arrived; the opening one was already in the prompt), so the caller turns it into a reasoning
 * part; or `tool-call`: a call as far as it has arrived (the whole call so far, not a fragment).
 */
export type ReplyDelta =
  { kind: StreamedPartType; text: string } | { kind: 'retag' } | { kind: 'tool-call'; call: AssembledCall };

/** A piece that carries text (not a `retag`). */
export type ReplyTextPiece = Extract<ReplyDelta, { text: string }>;
