import type { ContextMessage } from '../../../shared/domain/context-budget';
import { attachmentParts } from '../../../shared/domain/message-content';
import type { FilePart } from '../../../shared/domain/message-parts';
import type { AttachmentReader } from '../attachments/attachment-reader';
import { documentBlock, imageTokens, missingAttachment } from '../chat/attachment-content';
import { loadTokenCounter, type CountTokens } from './token-estimate';

/** Roughly four characters per token: used only when the tokenizer cannot load. */
const roughCount: CountTokens = (text) => Math.ceil(text.length / 4);

/**
 * Tokens a message's attachments add to a request: an image its fixed estimate (`imageTokens`), a
 * document the tokens of exactly the block it sends (name, fenced text cut where the user chose,
 * the cut note). A document's count is remembered by its text's hash, cut and name, so a long
 * conversation reads and tokenizes each document once. Bounded: the oldest entries go first.
 */
export class AttachmentTokens {
  readonly #documents = new Map<string, number>();

  constructor(
    private readonly reader: AttachmentReader | undefined,
    private readonly maxEntries = 2_000,
    private readonly load: () => Promise<CountTokens> = loadTokenCounter,
  ) {}

  /** Raw (uncalibrated) tokens of each message's attachments, by message id; messages without any are absent. */
  async of(messages: readonly ContextMessage[]): Promise<Map<string, number>> {
    const byMessage = new Map<string, number>();
    for (const message of messages) {
      if (message.role !== 'user') continue;
      let sum = 0;
      for (const part of attachmentParts(message))
        sum += part.type === 'image' ? imageTokens(part.width, part.height) : await this.#document(part);
      if (sum > 0) byMessage.set(message.id, sum);
    }
    return byMessage;
  }

  /** Tokens of one document's block as sent. */
  async document(part: FilePart): Promise<number> {
    return this.#document(part);
  }

  async #document(part: FilePart): Promise<number> {
    const key = `${part.textHash}\n${part.cutToChars ?? ''}\n${part.name}`;
    const known = this.#documents.get(key);
    if (known !== undefined) return known;
    let count: CountTokens;
    try {
      count = await this.load();
    } catch {
      count = roughCount;
    }
    let block: string;
    try {
      if (!this.reader) throw new Error('no attachment storage');
      block = documentBlock(part, await this.reader.documentText(part));
    } catch {
      // Not remembered: the file may be readable again next time.
      return count(missingAttachment(part));
    }
    const tokens = count(block);
    this.#documents.set(key, tokens);
    if (this.#documents.size > this.maxEntries) this.#documents.delete(this.#documents.keys().next().value!);
    return tokens;
  }
}
