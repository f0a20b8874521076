import type { ServerResponse } from 'node:http';

/**
 * One response's lifetime. Every wait and write goes through here, so that when the client goes
 * away (or the server closes) all pending timers are cleared at once and nothing keeps running.
 */
export class ResponseChannel {
  #gone = false;
  #deliberate = false;
  readonly #wakers = new Set<() => void>();

  /** `onClientGone` runs once if the connection closes before the response finished, unless we closed it. */
  constructor(
    readonly res: ServerResponse,
    onClientGone: () => void,
  ) {
    res.on('error', () => {});
    res.on('close', () => {
      if (!this.#gone && !this.#deliberate && !res.writableFinished) onClientGone();
      this.#end();
    });
  }

  /** True once the connection is closed or the server is shutting down: stop writing. */
  get gone(): boolean {
    return this.#gone || this.res.destroyed;
  }

  /** The server is closing: end every wait now, without counting it as a client abort. */
  cancel(): void {
    this.#end();
  }

  /** Resets the TCP connection (RST where the platform allows, otherwise a plain destroy). */
  reset(): void {
    this.#deliberate = true;
    const socket = this.res.socket;
    if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else (socket ?? this.res).destroy();
    this.#end();
  }

  /** Marks the response as ended by us (a clean end without [DONE] is not a client abort). */
  end(chunk?: string | Buffer): void {
    if (this.gone) return;
    this.#deliberate = true;
    if (chunk === undefined) this.res.end();
    else this.res.end(chunk);
  }

  /** Resolves true after `ms` (0: after one turn of the event loop), false as soon as the connection is gone. */
  wait(ms: number): Promise<boolean> {
    if (this.gone) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const finish = (slept: boolean) => {
        if (ms > 0) clearTimeout(timer);
        else clearImmediate(immediate);
        this.#wakers.delete(wake);
        resolve(slept);
      };
      const wake = () => finish(false);
      const timer = ms > 0 ? setTimeout(() => finish(true), ms) : undefined;
      const immediate = ms > 0 ? undefined : setImmediate(() => finish(true));
      this.#wakers.add(wake);
    });
  }

  /** Resolves when the connection is gone (a stalled stream waits here). */
  untilGone(): Promise<void> {
    if (this.gone) return Promise.resolve();
    return new Promise<void>((resolve) => this.#wakers.add(resolve));
  }

  /** Writes and resolves true once the bytes reached the socket, false if the connection went away first. */
  write(chunk: string | Buffer): Promise<boolean> {
    if (this.gone) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const wake = () => resolve(false);
      this.#wakers.add(wake);
      this.res.write(chunk, (error) => {
        this.#wakers.delete(wake);
        resolve(!error && !this.gone);
      });
    });
  }

  #end(): void {
    if (this.#gone) return;
    this.#gone = true;
    for (const wake of [...this.#wakers]) wake();
    this.#wakers.clear();
  }
}
