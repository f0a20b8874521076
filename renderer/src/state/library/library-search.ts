import type { AssistantApi } from '../../../../shared/contract/api';
import type { UserError } from '../../../../shared/domain/errors';
import type { SearchHit } from '../../../../shared/domain/library';
import { createStore, type Store } from '../core/create-store';

/** Pause after the last keystroke before asking the host. */
export const SEARCH_DELAY_MS = 150;
/** Hits asked for; when exactly this many come back, the view says there may be more. */
export const SEARCH_LIMIT = 100;

export interface SearchState {
  /** What is in the search box. */
  query: string;
  /** idle: no query. pending: waiting for the pause or the answer. */
  status: 'idle' | 'pending' | 'done' | 'failed';
  /** The latest answered query's hits (kept while a newer query is pending, so the list does not flash). */
  hits: SearchHit[];
  /** The query `hits` answer. */
  answered: string;
  error: UserError | undefined;
}

export const initialSearchState: SearchState = {
  query: '',
  status: 'idle',
  hits: [],
  answered: '',
  error: undefined,
};

interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The sidebar's search: debounced, one request per pause in typing (the host keeps an index, so
 * nothing reads every file per keystroke), and only the latest query's answer is shown; answers to
 * earlier queries that arrive late are dropped.
 */
export class LibrarySearch {
  readonly store: Store<SearchState> = createStore(initialSearchState);
  #seq = 0;
  #timer: unknown;
  #warmed = false;

  constructor(
    private readonly api: AssistantApi,
    private readonly timers: Timers = realTimers,
    private readonly delayMs = SEARCH_DELAY_MS,
  ) {}

  setQuery(query: string): void {
    const seq = ++this.#seq;
    this.#cancelTimer();
    const trimmed = query.trim();
    if (trimmed === '') {
      this.store.setState({ ...initialSearchState, query });
      return;
    }
    this.store.setState({ query, status: 'pending' });
    this.#timer = this.timers.setTimeout(() => {
      this.#timer = undefined;
      void this.#run(seq, trimmed);
    }, this.delayMs);
  }

  clear(): void {
    this.setQuery('');
  }

  /** Runs the current query now (Enter in the box), without waiting for the pause. */
  flush(): void {
    const trimmed = this.store.getState().query.trim();
    if (trimmed === '' || this.#timer === undefined) return;
    this.#cancelTimer();
    void this.#run(this.#seq, trimmed);
  }

  /**
   * The host builds its message index on the first search (reading every conversation file once);
   * asking a throwaway question when the box first gets focus starts that while the user types.
   */
  warm(): void {
    if (this.#warmed) return;
    this.#warmed = true;
    void this.api.invoke('conversations.search', { query: 'a', limit: 1 });
  }

  stop(): void {
    this.#seq++;
    this.#cancelTimer();
  }

  async #run(seq: number, query: string): Promise<void> {
    const found = await this.api.invoke('conversations.search', { query, limit: SEARCH_LIMIT });
    if (seq !== this.#seq) return; // a newer query was typed meanwhile
    if (found.ok) {
      this.store.setState({ status: 'done', hits: found.value, answered: query, error: undefined });
    } else {
      this.store.setState({ status: 'failed', hits: [], answered: query, error: found.error });
    }
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) return;
    this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
