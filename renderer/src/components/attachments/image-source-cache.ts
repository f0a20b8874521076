import type { Result } from '../../../../shared/contract/result';

type Load = (hash: string) => Promise<Result<{ dataUrl: string }>>;

/**
 * Stored images as data URLs, asked of main once per hash while recently shown: a virtualised row
 * that scrolls back into view, or the larger view of a thumbnail, reuses the answer. The oldest are
 * forgotten past `max` (data URLs are large). A failed answer is not kept, so a later look asks again.
 */
export class ImageSourceCache {
  readonly #entries = new Map<string, Promise<Result<{ dataUrl: string }>>>();

  constructor(
    private readonly load: Load,
    private readonly max = 48,
  ) {}

  get(hash: string): Promise<Result<{ dataUrl: string }>> {
    const known = this.#entries.get(hash);
    if (known) {
      // Most recently used last, so the oldest is the first key.
      this.#entries.delete(hash);
      this.#entries.set(hash, known);
      return known;
    }
    const loading = this.load(hash).then(
      (result) => {
        if (!result.ok) this.#forget(hash, loading);
        return result;
      },
      (error: unknown): Result<{ dataUrl: string }> => {
        this.#forget(hash, loading);
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `The image could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
            fix: 'Reopen the conversation to try again.',
            retryable: true,
          },
        };
      },
    );
    this.#entries.set(hash, loading);
    while (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return loading;
  }

  #forget(hash: string, entry: Promise<unknown>): void {
    if (this.#entries.get(hash) === entry) this.#entries.delete(hash);
  }
}
