import type { PullLine } from '../backends/adapters/ollama-api';

/** How much the newest speed sample counts against the average (higher: quicker to follow changes). */
const SMOOTHING = 0.3;
/** Samples closer than this are merged: a burst of lines would otherwise read as a huge speed. */
const MIN_SAMPLE_MS = 250;

export interface PullFigures {
  status: string;
  completedBytes?: number;
  totalBytes?: number;
  bytesPerSecond?: number;
  secondsLeft?: number;
}

/**
 * The figures of one pull from Ollama's lines: bytes summed over every layer seen so far (each
 * line reports one layer, by digest), a speed smoothed over the last seconds, and the time left
 * at that speed. Pure bookkeeping; the clock is passed in.
 */
export class PullProgressTracker {
  readonly #layers = new Map<string, { total: number; completed: number }>();
  #status = 'starting';
  #speed: number | undefined;
  #sample: { at: number; bytes: number } | undefined;

  constructor(private readonly now: () => number) {}

  /** Takes one line; returns the figures after it. */
  add(line: PullLine): PullFigures {
    if (line.status) this.#status = line.status;
    if (line.digest && typeof line.total === 'number' && line.total > 0) {
      const completed = Math.min(line.total, Math.max(0, line.completed ?? 0));
      const layer = this.#layers.get(line.digest);
      // A resumed pull can restart a layer's count: never go backwards within a run.
      this.#layers.set(line.digest, {
        total: line.total,
        completed: Math.max(completed, layer?.completed ?? 0),
      });
      this.#measure();
    }
    return this.figures();
  }

  figures(): PullFigures {
    if (this.#layers.size === 0) return { status: this.#status };
    let total = 0;
    let completed = 0;
    for (const layer of this.#layers.values()) {
      total += layer.total;
      completed += layer.completed;
    }
    const speed = this.#speed;
    const left = speed && speed > 0 ? Math.ceil((total - completed) / speed) : undefined;
    return {
      status: this.#status,
      completedBytes: completed,
      totalBytes: total,
      ...(speed !== undefined ? { bytesPerSecond: Math.round(speed) } : {}),
      ...(left !== undefined ? { secondsLeft: left } : {}),
    };
  }

  #measure(): void {
    const at = this.now();
    let bytes = 0;
    for (const layer of this.#layers.values()) bytes += layer.completed;
    if (!this.#sample) {
      this.#sample = { at, bytes };
      return;
    }
    const elapsed = at - this.#sample.at;
    if (elapsed < MIN_SAMPLE_MS) return;
    const current = (Math.max(0, bytes - this.#sample.bytes) * 1000) / elapsed;
    this.#speed = this.#speed === undefined ? current : SMOOTHING * current + (1 - SMOOTHING) * this.#speed;
    this.#sample = { at, bytes };
  }
}
