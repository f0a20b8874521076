import { loadTokenCounter, messageTokens, type CountTokens, type TextMessage } from './token-estimate';

export interface CountableMessage extends TextMessage {
  id: string;
}

/** Roughly four characters per token: used only when the tokenizer cannot load. */
const roughCount: CountTokens = (text) => Math.ceil(text.length / 4);

/**
 * Token counts of conversation messages, remembered by id, length and a hash of the text. The text
 * is what a request sends (the planner passes a message's answer text; reasoning is never sent, so
 * never counted), and any change to it changes the key. A finished message never changes, so a send
 * tokenizes only what is new; an edited system prompt (same id, new text) is counted again.
 * Bounded: the oldest entries go first.
 */
export class MessageTokenCache {
  readonly #counts = new Map<string, number>();

  constructor(
    private readonly maxEntries = 50_000,
    private readonly load: () => Promise<CountTokens> = loadTokenCounter,
  ) {}

  /**
   * A synchronous counter for one planning pass (framing included); `remember: false` for text that
   * is not a saved message (a draft). If the tokenizer cannot load, a rough count is used and not
   * remembered.
   */
  async counter(): Promise<(message: CountableMessage, remember?: boolean) => number> {
    let count: CountTokens;
    try {
      count = await this.load();
    } catch (error) {
      console.warn('[tokens] the tokenizer could not load; counting roughly', error);
      return (message) => messageTokens(roughCount, message);
    }
    return (message, remember = true) => {
      if (!remember) return messageTokens(count, message);
      const key = `${message.id}\u0000${message.role}\u0000${message.content.length}\u0000${hash(message.content)}`;
      const known = this.#counts.get(key);
      if (known !== undefined) return known;
      const tokens = messageTokens(count, message);
      this.#counts.set(key, tokens);
      if (this.#counts.size > this.maxEntries) this.#counts.delete(this.#counts.keys().next().value!);
      return tokens;
    };
  }

  get size(): number {
    return this.#counts.size;
  }
}

/** FNV-1a over UTF-16 code units: far cheaper than tokenizing, enough to notice an edit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
