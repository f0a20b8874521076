import type { ConversationSummary, Message } from '../../../shared/domain/conversation';
import type { SearchHit } from '../../../shared/domain/library';
import type { SearchableMessage } from './search-source';
import { snippetAround } from './search-snippet';
import { mayContain, queryTrigrams, trigramsOf, type Trigrams } from './search-trigrams';

export interface SearchSource {
  /** Summaries in the order hits are ranked (the list's: pinned, then most recent). */
  ordered(): ConversationSummary[];
  has(id: string): boolean;
  /** Messages already in memory (an open conversation), which are newer than its file. */
  inMemory(id: string): readonly SearchableMessage[] | undefined;
  read(id: string): Promise<readonly SearchableMessage[] | undefined>;
}

/**
 * One conversation's text, compactly: every message's answer text (its text parts) joined into one string
 * (searched case-insensitively by a regular expression, so no lowercase copy is kept), where each
 * message starts, its id and role, and a trigram fingerprint to skip it for queries it cannot match.
 */
interface Entry {
  text: string;
  trigrams: Trigrams;
  starts: Uint32Array;
  ids: string[];
  roles: Uint8Array;
}

const ROLES: readonly Message['role'][] = ['system', 'user', 'assistant'];
/** Between messages, so a match never spans two (a query never contains it: it is stripped). */
const SEPARATOR = '\u0000';
/** Message hits per conversation, so one long thread does not fill the whole answer. */
const HITS_PER_CONVERSATION = 3;
/** Files read at once while building; the loop yields between batches. */
const BATCH = 32;

/**
 * Search over titles (always current: they are the summaries) and message text (an in-memory index
 * built on the first search by reading the conversation files asynchronously in batches, then kept
 * up to date from memory: a changed conversation is re-indexed at the next search, never by
 * re-reading every file).
 */
export class SearchIndex {
  readonly #source: SearchSource;
  readonly #entries = new Map<string, Entry>();
  /** Changed since they were indexed; re-indexed before the next query. */
  readonly #pending = new Set<string>();
  #building: Promise<void> | undefined;
  #catchingUp: Promise<void> | undefined;
  #built = false;

  constructor(source: SearchSource) {
    this.#source = source;
  }

  /** Whether the message text of every conversation is indexed (title hits never wait). */
  get complete(): boolean {
    return this.#built && this.#pending.size === 0;
  }

  changed(id: string): void {
    if (this.#building) this.#pending.add(id);
  }

  removed(id: string): void {
    this.#entries.delete(id);
    this.#pending.delete(id);
  }

  /** Builds the index on first use and catches up with changes; other work runs between batches. */
  async ready(): Promise<void> {
    this.#building ??= this.#build();
    await this.#building;
    // One catch-up at a time, which every waiting query shares, so none answers before it is done.
    while (this.#pending.size > 0 || this.#catchingUp) {
      this.#catchingUp ??= this.#catchUp().finally(() => (this.#catchingUp = undefined));
      await this.#catchingUp;
    }
  }

  async #catchUp(): Promise<void> {
    while (this.#pending.size > 0) {
      const ids = [...this.#pending];
      this.#pending.clear();
      await this.#indexAll(ids);
    }
  }

  /** Title hits first, then message hits, each in list order; at most `limit`. Uses what is indexed now. */
  query(text: string, limit: number): SearchHit[] {
    const needle = text.replaceAll(SEPARATOR, '').trim();
    if (needle === '' || limit <= 0) return [];
    // Literal text; a space in the query matches any run of whitespace (a line break in a message).
    // `i` without `u`: ASCII letters match only ASCII letters, which keeps the trigram filter exact.
    const words = needle.split(/\s+/);
    const literal = words.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(literal.join('\\s+'), 'gi');
    const needed = queryTrigrams(words);
    const ordered = this.#source.ordered();
    const hits: SearchHit[] = [];
    for (const summary of ordered) {
      pattern.lastIndex = 0;
      const match = pattern.exec(summary.title);
      if (!match) continue;
      const snippet = snippetAround(summary.title, match.index, match[0].length);
      hits.push({ conversationId: summary.id, title: summary.title, ...snippet });
      if (hits.length >= limit) return hits;
    }
    for (const summary of ordered) {
      const entry = this.#entries.get(summary.id);
      if (!entry || !mayContain(entry.trigrams, needed)) continue;
      pattern.lastIndex = 0;
      let found = 0;
      for (let match = pattern.exec(entry.text); match; match = pattern.exec(entry.text)) {
        const k = messageAt(entry.starts, match.index);
        const start = entry.starts[k] ?? 0;
        const end = k + 1 < entry.starts.length ? (entry.starts[k + 1] ?? 0) - 1 : entry.text.length;
        const content = entry.text.slice(start, end);
        hits.push({
          conversationId: summary.id,
          title: summary.title,
          messageId: entry.ids[k] ?? '',
          role: ROLES[entry.roles[k] ?? 0] ?? 'user',
          ...snippetAround(content, match.index - start, match[0].length),
        });
        if (hits.length >= limit) return hits;
        if (++found >= HITS_PER_CONVERSATION || k + 1 >= entry.starts.length) break;
        pattern.lastIndex = entry.starts[k + 1] ?? entry.text.length; // one hit per message
      }
    }
    return hits;
  }

  async #build(): Promise<void> {
    await this.#indexAll(this.#source.ordered().map((s) => s.id));
    this.#built = true;
  }

  async #indexAll(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) {
      await Promise.all(ids.slice(i, i + BATCH).map((id) => this.#index(id)));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async #index(id: string): Promise<void> {
    const messages = this.#source.inMemory(id) ?? (await this.#source.read(id).catch(() => undefined));
    // Deleted while it was read, or unreadable: nothing to find there.
    if (!messages || !this.#source.has(id)) {
      this.#entries.delete(id);
      return;
    }
    this.#entries.set(id, entryOf(messages));
  }
}

function entryOf(messages: readonly SearchableMessage[]): Entry {
  const starts = new Uint32Array(messages.length);
  const roles = new Uint8Array(messages.length);
  let offset = 0;
  messages.forEach((m, i) => {
    starts[i] = offset;
    roles[i] = Math.max(0, ROLES.indexOf(m.role));
    offset += m.text.length + SEPARATOR.length;
  });
  const text = messages.map((m) => m.text).join(SEPARATOR);
  return {
    text,
    trigrams: trigramsOf(text),
    starts,
    ids: messages.map((m) => m.id),
    roles,
  };
}

/** The message holding text offset `at` (binary search over message starts). */
function messageAt(starts: Uint32Array, at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}
