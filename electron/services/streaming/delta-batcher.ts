/**
 * Coalesces deltas into at most one message per `intervalMs` (a frame's worth), so a backend
 * streaming thousands of tokens a second does not flood IPC. The first delta after a quiet period
 * goes out at once: batching adds no latency to the first token.
 */
export class DeltaBatcher {
  #pending = '';
  #lastFlush = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (text: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(text: string): void {
    this.#pending += text;
    if (this.#timer) return;
    const wait = this.#lastFlush + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.#timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends whatever is pending now; called before the stream's terminal event. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const text = this.#pending;
    this.#pending = '';
    this.#lastFlush = this.now();
    this.send(text);
  }
}
