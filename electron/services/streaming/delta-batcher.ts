import type { ReplyDelta } from './reply-delta';

/**
 * Coalesces pieces into at most one batch per `intervalMs` (a frame's worth), so a backend
 * streaming thousands of tokens a second does not flood IPC. The first piece after a quiet period
 * goes out at once: batching adds no latency to the first token. Consecutive pieces of one kind are
 * merged, kinds never are, order is kept; a `retag` goes out at once, after what was pending.
 */
export class DeltaBatcher {
  #pending: ReplyDelta[] = [];
  #lastFlush = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (delta: ReplyDelta) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(piece: ReplyDelta): void {
    const last = this.#pending.at(-1);
    if (piece.kind === 'retag') {
      this.#pending.push(piece);
      this.flush();
      return;
    }
    if (piece.kind === 'tool-call') {
      // A call's later state supersedes its earlier one: only the newest of a run goes out.
      if (last?.kind === 'tool-call' && last.call.index === piece.call.index) this.#pending.pop();
      this.#pending.push(piece);
    } else if (piece.text.length === 0) return;
    else if (last && last.kind === piece.kind && 'text' in last) last.text += piece.text;
    else this.#pending.push({ ...piece });
    if (this.#timer) return;
    const wait = this.#lastFlush + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.#timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends whatever is pending now, in order; called before the stream's terminal event. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const pending = this.#pending;
    this.#pending = [];
    this.#lastFlush = this.now();
    for (const delta of pending) this.send(delta);
  }
}
