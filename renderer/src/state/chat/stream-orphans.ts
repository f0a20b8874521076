import type { ChatStreamEvent } from '../../../../shared/contract/chat-stream';

/** Characters kept of an unknown stream's latest text: plenty to find it in a saved reply. */
const KEEP = 4096;
/** Less text than this could sit in an unrelated reply by chance. */
const MIN_MATCH = 16;
/** Text the host saved but had not sent yet is one delta batch, far below this. */
const MAX_UNSENT = 8192;

export interface OrphanMatch {
  streamId: string;
  /** How many characters at the end of the saved text the stream has not delivered yet. */
  unsent: number;
}

/**
 * Streams this page sees deltas of but never saw start: replies that were already streaming when
 * the page loaded (or reconnected). Deltas carry only a stream id, so the reply a stream belongs
 * to is found by content: the host saves a streaming reply's text as each token arrives, so a
 * reply fetched now ends with the text its stream delivered so far (plus at most one unsent batch).
 */
export class OrphanStreams {
  readonly #texts = new Map<string, string>();

  get size(): number {
    return this.#texts.size;
  }

  /** Notes an event of a stream this page does not follow; ends forget it. */
  record(event: Exclude<ChatStreamEvent, { type: 'started' }>): void {
    if (event.type === 'delta') {
      const text = (this.#texts.get(event.streamId) ?? '') + event.text;
      this.#texts.set(event.streamId, text.length > KEEP ? text.slice(-KEEP) : text);
    } else if (event.type === 'progress') {
      if (!this.#texts.has(event.streamId)) this.#texts.set(event.streamId, '');
    } else {
      this.#texts.delete(event.streamId);
    }
  }

  forget(streamId: string): void {
    this.#texts.delete(streamId);
  }

  /** After a reconnect the texts have gaps: start over. */
  clear(): void {
    this.#texts.clear();
  }

  /** The one stream whose delivered text ends the saved reply `saved`; none when unsure. */
  match(saved: string): OrphanMatch | undefined {
    const found: OrphanMatch[] = [];
    for (const [streamId, text] of this.#texts) {
      if (text.length < MIN_MATCH) continue;
      const at = saved.lastIndexOf(text);
      if (at === -1) continue;
      const unsent = saved.length - at - text.length;
      if (unsent <= MAX_UNSENT) found.push({ streamId, unsent });
    }
    return found.length === 1 ? found[0] : undefined;
  }
}
