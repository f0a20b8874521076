import type { UserError } from '../../../shared/domain/errors';
import type { PullProgress } from '../../../shared/domain/ollama-models';
import {
  ollamaNotAnswering,
  openPull,
  parsePullLine,
  pullCut,
  pullFailed,
} from '../backends/adapters/ollama-api';
import type { BackendTarget } from '../backends/backend-target';
import { PullProgressTracker } from './pull-progress';

export interface OllamaPullsDeps {
  /** Every progress event of every pull (`ollama.pull`), throttled; the final one always goes. */
  emit: (progress: PullProgress) => void;
  /** A pull finished: the profile's model lists and caches are stale. */
  onModelsChanged: (profileId: string) => void;
  fetch?: typeof fetch;
  now?: () => number;
  /** Least time between two progress events of one pull. Default 250 ms (four a second). */
  throttleMs?: number;
  newId?: () => string;
}

interface Running {
  progress: PullProgress;
  abort: AbortController;
  lastEmitAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Pulls of Ollama models, as many as the user starts: each streams `/api/pull`'s JSON lines into
 * `ollama.pull` events (bytes over all layers, smoothed speed, time left). Cancelling aborts the
 * request, which is how Ollama is told to stop. Main keeps the pulls, so a window that opens
 * mid-pull asks `list()` and carries on showing it.
 */
export class OllamaPulls {
  readonly #running = new Map<string, Running>();
  readonly #now: () => number;
  readonly #newId: () => string;

  constructor(private readonly deps: OllamaPullsDeps) {
    this.#now = deps.now ?? Date.now;
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /** Starts a pull (or answers the one already pulling this model on this profile). */
  start(target: BackendTarget & { profileId: string }, model: string): { pullId: string } {
    for (const pull of this.#running.values())
      if (pull.progress.profileId === target.profileId && pull.progress.model === model)
        return { pullId: pull.progress.pullId };
    const pullId = this.#newId();
    const running: Running = {
      progress: { pullId, profileId: target.profileId, model, state: 'running', status: 'starting' },
      abort: new AbortController(),
      lastEmitAt: -Infinity,
      timer: undefined,
    };
    this.#running.set(pullId, running);
    this.#publish(running);
    void this.#run(running, target).catch((error: unknown) =>
      this.#finish(running, 'failed', pullCut(model, error instanceof Error ? error.message : String(error))),
    );
    return { pullId };
  }

  /** Stops a pull; false when it is not running (finished, or never was). */
  cancel(pullId: string): { cancelled: boolean } {
    const running = this.#running.get(pullId);
    if (!running) return { cancelled: false };
    running.abort.abort();
    this.#finish(running, 'cancelled');
    return { cancelled: true };
  }

  /** The pulls running now, as far as they got. */
  list(): PullProgress[] {
    return [...this.#running.values()].map((r) => ({ ...r.progress }));
  }

  /** Stops every pull (the app is closing). */
  close(): void {
    for (const pullId of [...this.#running.keys()]) this.cancel(pullId);
  }

  async #run(running: Running, target: BackendTarget & { profileId: string }): Promise<void> {
    const { model } = running.progress;
    const signal = running.abort.signal;
    let response: Response;
    try {
      response = await openPull(target, model, {
        signal,
        ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      });
    } catch (error) {
      if (!signal.aborted) this.#finish(running, 'failed', ollamaNotAnswering(target, messageOf(error)));
      return;
    }
    const tracker = new PullProgressTracker(this.#now);
    let buffered = '';
    const decoder = new TextDecoder();
    // Answers a line; true when the pull is over.
    const take = (raw: string): boolean => {
      const line = parsePullLine(raw);
      if (!line) return false;
      if (line.error !== undefined) {
        this.#finish(running, 'failed', pullFailed(model, line.error));
        return true;
      }
      if (line.status === 'success' && response.ok) {
        Object.assign(running.progress, tracker.figures(), { status: 'success' });
        this.#finish(running, 'done');
        return true;
      }
      Object.assign(running.progress, tracker.add(line));
      this.#publish(running);
      return false;
    };
    try {
      const reader = response.body?.getReader();
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const raw of lines) if (take(raw)) return void reader.cancel().catch(() => undefined);
      }
      if (take(buffered + decoder.decode())) return;
    } catch (error) {
      if (!signal.aborted) this.#finish(running, 'failed', pullCut(model, messageOf(error)));
      return;
    }
    if (signal.aborted) return;
    this.#finish(
      running,
      'failed',
      response.ok
        ? pullCut(model, 'The stream ended before "success".')
        : pullFailed(model, `HTTP ${response.status}`),
    );
  }

  #publish(running: Running): void {
    if (running.timer !== undefined) return;
    const wait = running.lastEmitAt + (this.deps.throttleMs ?? 250) - this.#now();
    if (wait <= 0) return this.#emitNow(running);
    running.timer = setTimeout(() => {
      running.timer = undefined;
      if (this.#running.get(running.progress.pullId) === running) this.#emitNow(running);
    }, wait);
    running.timer.unref?.();
  }

  #emitNow(running: Running): void {
    running.lastEmitAt = this.#now();
    this.deps.emit({ ...running.progress });
  }

  #finish(running: Running, state: Exclude<PullProgress['state'], 'running'>, error?: UserError): void {
    const { pullId, profileId } = running.progress;
    if (this.#running.get(pullId) !== running) return;
    this.#running.delete(pullId);
    clearTimeout(running.timer);
    running.timer = undefined;
    running.progress.state = state;
    if (error) running.progress.error = error;
    if (state === 'done') {
      delete running.progress.secondsLeft;
      if (running.progress.totalBytes !== undefined)
        running.progress.completedBytes = running.progress.totalBytes;
    }
    this.#emitNow(running);
    if (state === 'done') this.deps.onModelsChanged(profileId);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
