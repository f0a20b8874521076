import type { ReplyDelta } from '../reply-delta';
import { CLOSING_TAGS, OPENING_TAGS, closingTagOf, findFirstTag, partialTagLength } from './think-tags';

/**
 * Where the content stands:
 * - `start`: only whitespace so far, so an opening tag may still come;
 * - `untagged`: answering with no opening tag; a closing tag now means the chat template opened
 *   the tag in the prompt (Qwen3, R1 distills): everything so far was reasoning (`retag`);
 * - `tagged`: inside an opening tag found at the start, until its closing tag;
 * - `answer`: plain text to the end (after a closing tag, or after an opening tag that was not at
 *   the start: a literal `<think>` in ordinary text is text, and so is a closing tag after it).
 */
type Mode = 'start' | 'untagged' | 'tagged' | 'answer';

const UNTAGGED_TAGS: readonly string[] = [...CLOSING_TAGS, ...OPENING_TAGS];

/**
 * Splits streamed content into answer and reasoning pieces by `<think>`-style tags, chunk by chunk:
 * the result is the same however the content is chunked (a tag may be split over chunks), and text
 * flows out as it arrives except the few characters that could be the start of a tag.
 */
export class ThinkTagSplitter {
  #mode: Mode = 'start';
  #closing = '';
  /** Characters that could still start a tag (or, at the start, leading whitespace). */
  #held = '';
  /** Whitespace right after a tag does not start the text that follows it. */
  #trimLeading = false;
  /** Whether `untagged` text went out (a closing tag then retags it). */
  #untaggedSent = false;

  /** Inside an opening tag that has not closed. */
  get insideTag(): boolean {
    return this.#mode === 'tagged';
  }

  push(content: string): ReplyDelta[] {
    const out: ReplyDelta[] = [];
    let input = this.#held + content;
    this.#held = '';
    while (input.length > 0) {
      if (this.#mode === 'answer') {
        this.#emit(out, 'text', input);
        break;
      }
      if (this.#mode === 'start') {
        const body = input.trimStart();
        const opening = OPENING_TAGS.find((tag) => body.startsWith(tag));
        if (opening) {
          this.#mode = 'tagged';
          this.#closing = closingTagOf(opening);
          this.#trimLeading = true;
          input = body.slice(opening.length);
          continue;
        }
        if (body === '' || OPENING_TAGS.some((tag) => tag.startsWith(body))) {
          this.#held = input;
          break;
        }
        this.#mode = 'untagged';
        continue;
      }
      input = this.#scan(out, input);
    }
    return out;
  }

  /** The end of the content: whatever was held back goes out as what it was. */
  end(): ReplyDelta[] {
    const out: ReplyDelta[] = [];
    const held = this.#held;
    this.#held = '';
    if (held) this.#emit(out, this.#mode === 'tagged' ? 'reasoning' : 'text', held);
    return out;
  }

  /** `untagged` or `tagged`: up to the first tag that matters; returns the rest ('' when held). */
  #scan(out: ReplyDelta[], input: string): string {
    const tagged = this.#mode === 'tagged';
    const tags = tagged ? [this.#closing] : UNTAGGED_TAGS;
    const kind = tagged ? 'reasoning' : 'text';
    const hit = findFirstTag(input, tags);
    if (!hit) {
      const keep = partialTagLength(input, tags);
      this.#emit(out, kind, input.slice(0, input.length - keep));
      this.#held = input.slice(input.length - keep);
      return '';
    }
    this.#emit(out, kind, input.slice(0, hit.index));
    const rest = input.slice(hit.index + hit.tag.length);
    this.#mode = 'answer';
    if (tagged) {
      this.#trimLeading = true;
    } else if ((CLOSING_TAGS as readonly string[]).includes(hit.tag)) {
      if (this.#untaggedSent) out.push({ kind: 'retag' });
      this.#trimLeading = true;
    } else {
      this.#emit(out, 'text', hit.tag);
    }
    return rest;
  }

  #emit(out: ReplyDelta[], kind: 'text' | 'reasoning', raw: string): void {
    let text = raw;
    if (this.#trimLeading) {
      text = text.trimStart();
      if (text === '') return;
      this.#trimLeading = false;
    }
    if (text === '') return;
    if (this.#mode === 'untagged' && kind === 'text') this.#untaggedSent = true;
    const last = out.at(-1);
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  }
}
