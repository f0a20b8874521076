import type { ReplyDelta } from '../reply-delta';
import { reasoningFieldText } from './reasoning-fields';
import { ThinkTagSplitter } from './think-tag-splitter';

/**
 * Reads one reply's reasoning, whichever way the server spells it: a reasoning field of the delta
 * (reasoning-fields.ts) or tags at the start of the content (think-tag-splitter.ts). Fed each
 * streamed delta in order; gives the pieces in order, the field's before the content's.
 */
export class ReasoningExtractor {
  readonly #tags = new ThinkTagSplitter();
  #sawReasoning = false;
  #answerSinceReasoning = false;

  /** The pieces in one streamed `choices[0].delta`. */
  read(delta: unknown): ReplyDelta[] {
    const pieces: ReplyDelta[] = [];
    const reasoning = reasoningFieldText(delta);
    if (reasoning) pieces.push({ kind: 'reasoning', text: reasoning });
    const content = delta && typeof delta === 'object' ? (delta as { content?: unknown }).content : undefined;
    if (typeof content === 'string' && content.length > 0) pieces.push(...this.#tags.push(content));
    return this.#note(pieces);
  }

  /** The stream ended (however): what was held back in case it started a tag. */
  finish(): ReplyDelta[] {
    return this.#note(this.#tags.end());
  }

  /**
   * The reply stopped while the model was thinking: inside a tag that never closed, or reasoning
   * with no answer after it (cut off by a length limit, a stop or a broken stream).
   */
  get endedInReasoning(): boolean {
    return this.#tags.insideTag || (this.#sawReasoning && !this.#answerSinceReasoning);
  }

  #note(pieces: ReplyDelta[]): ReplyDelta[] {
    for (const piece of pieces) {
      if (piece.kind === 'text') {
        if (piece.text.length > 0) this.#answerSinceReasoning = true;
      } else {
        this.#sawReasoning = true;
        this.#answerSinceReasoning = false;
      }
    }
    return pieces;
  }
}
