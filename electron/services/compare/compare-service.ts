import type {
  CompareRun,
  CompareRunSummary,
  CompareStart,
  CompareStreamEvent,
  ExportFormat,
  ExportedFile,
} from '../../../shared/domain/compare';
import { exportRun } from '../../../shared/domain/compare-export';
import { userError } from '../../../shared/domain/errors';
import { quoted } from '../../../shared/domain/excerpt';
import { AppError } from '../app-error';
import { defaultRetryPolicy, type RetryPolicy } from '../streaming/retry-delay';
import { preciseNow } from '../streaming/stream-completion';
import { defaultStreamTimings, type StreamTimings } from '../streaming/stream-reply';
import type { CompareStore } from './compare-store';
import type { ToolService, ToolSession } from '../tools/tool-service';
import { runCell, type CompareBackends, type UnnumberedCompareEvent } from './run-cell';
import { defaultRunName, pairLabels, pendingCells } from './run-shape';

export interface CompareServiceDeps {
  /** The store, opened on first use (so its problems are reported to a window that is listening). */
  store: () => CompareStore;
  backends: CompareBackends;
  emit: (event: CompareStreamEvent) => void;
  /** The list of runs changed (a run started, ended or was deleted). */
  onListChanged?: (runs: CompareRunSummary[]) => void;
  timings?: Partial<StreamTimings>;
  /**
   * Retries before the first token, as in chat (a 429 or a busy Ollama should not sink a cell).
   * They do not distort the figures: timings are of the last attempt, and `metrics.retries` says so.
   */
  retry?: Partial<RetryPolicy>;
  /** Wall clock for `createdAt` and `finishedAt`. */
  now?: () => number;
  /** Clock of the cell metrics (epoch ms, precise). */
  clock?: () => number;
  newId?: () => string;
  /** Offers the task tools and enabled MCP tools to runs that ask for them (`tools: true`). */
  tools?: Pick<ToolService, 'session'>;
}

interface ActiveRun {
  /** The tools this run offers (none by default). */
  tools?: ToolSession;
  run: CompareRun;
  /** Sends the run's events numbered (`seq` from 0 per run, no gaps). */
  emit: (event: UnnumberedCompareEvent) => void;
  controller: AbortController;
  cancelling: boolean;
  done: Promise<void>;
}

/**
 * Compare runs: the same prompts sent to two or more profile + model pairs, by default one request
 * at a time (for each prompt, each pair in order) so that a local backend's timings are not
 * distorted by a neighbour; `parallel` sends each prompt to every pair at once. A pair that fails
 * fails in its own cells and the run goes on. Runs are saved as they start, checkpointed as cells
 * finish, and saved when they end (cancelled runs keep what finished). One run at a time.
 */
export class CompareService {
  readonly #active = new Map<string, ActiveRun>();
  readonly #timings: StreamTimings;
  readonly #retry: RetryPolicy;
  readonly #now: () => number;
  readonly #clock: () => number;
  readonly #newId: () => string;

  constructor(private readonly deps: CompareServiceDeps) {
    this.#timings = { ...defaultStreamTimings, ...deps.timings };
    this.#retry = { ...defaultRetryPolicy, ...deps.retry };
    this.#now = deps.now ?? Date.now;
    this.#clock = deps.clock ?? preciseNow;
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /** Validates the pairs, saves the new run and starts it in the background. */
  start(input: CompareStart): { runId: string } {
    if (this.#active.size > 0) {
      throw new AppError(
        userError(
          'busy',
          'A comparison is already running.',
          'Wait for it to finish or stop it; two runs at once would distort each other’s timings.',
        ),
      );
    }
    const profiles = new Map(this.deps.backends.list().map((p) => [p.id, p.name]));
    const unknown = input.pairs.flatMap((pair, i) => (profiles.has(pair.profileId) ? [] : [{ pair, i }]));
    if (unknown.length > 0) {
      const fields = Object.fromEntries(
        unknown.map(({ pair, i }) => [
          `pairs.${i}.profileId`,
          `There is no backend profile ${quoted(pair.profileId)}.`,
        ]),
      );
      const names = unknown.map(({ pair }) => quoted(pair.profileId)).join(', ');
      throw new AppError(
        userError(
          'invalid-input',
          `There is no backend profile ${names}; nothing was run.`,
          'Choose backends from the list (one may have been deleted).',
          { fields },
        ),
      );
    }

    const named = input.pairs.map((p) => ({ ...p, profileName: profiles.get(p.profileId)! }));
    const labels = pairLabels(named);
    const systemPrompt = input.systemPrompt?.trim() ? input.systemPrompt : undefined;
    const createdAt = this.#now();
    const run: CompareRun = {
      id: this.#newId(),
      name: input.name?.trim() || defaultRunName(input.prompts.length, named, createdAt),
      createdAt,
      status: 'running',
      ...(systemPrompt !== undefined ? { systemPrompt } : {}),
      params: { ...input.params },
      parallel: input.parallel ?? false,
      pairs: named.map((p, i) => ({
        profileId: p.profileId,
        profileName: p.profileName,
        model: p.model,
        label: labels[i]!,
      })),
      prompts: [...input.prompts],
      cells: pendingCells(input.prompts.length, input.pairs.length),
    };
    this.#store().save(run);
    let seq = 0;
    const active: ActiveRun = {
      run,
      emit: (event) => this.deps.emit({ ...event, seq: seq++ } as CompareStreamEvent),
      controller: new AbortController(),
      cancelling: false,
      done: Promise.resolve(),
    };
    const tools = input.tools ? this.deps.tools?.session('all', { ask: false }) : undefined;
    if (tools) active.tools = tools;
    this.#active.set(run.id, active);
    active.emit({ type: 'run-started', runId: run.id, run: structuredClone(run) });
    this.#listChanged();
    active.done = this.#execute(active).finally(() => this.#active.delete(run.id));
    return { runId: run.id };
  }

  /**
   * Stops a run: the cells in flight keep their partial text as cancelled, cells not yet run are
   * cancelled, and the run is saved before this answers. Idempotent.
   */
  async cancel(runId: string): Promise<{ cancelled: boolean }> {
    const active = this.#active.get(runId);
    if (!active || active.cancelling) return { cancelled: false };
    active.cancelling = true;
    active.controller.abort();
    await active.done;
    return { cancelled: true };
  }

  list(): CompareRunSummary[] {
    return this.#store().list();
  }

  /** A running run as it stands now, or a saved one. */
  get(id: string): CompareRun {
    const active = this.#active.get(id);
    if (active) return structuredClone(active.run);
    const run = this.#store().get(id);
    if (!run) throw runNotFound();
    return run;
  }

  async delete(id: string): Promise<{ id: string }> {
    await this.cancel(id);
    if (!this.#store().delete(id)) throw runNotFound();
    this.#listChanged();
    return { id };
  }

  export(id: string, format: ExportFormat): ExportedFile {
    return exportRun(this.get(id), format);
  }

  /** App shutdown: running runs are cancelled and saved. */
  async close(): Promise<void> {
    await Promise.all([...this.#active.keys()].map((id) => this.cancel(id)));
  }

  async #execute(active: ActiveRun): Promise<void> {
    const { run } = active;
    const cellOf = (promptIndex: number, pairIndex: number) =>
      run.cells.find((c) => c.promptIndex === promptIndex && c.pairIndex === pairIndex)!;
    const one = async (promptIndex: number, pairIndex: number) => {
      const cell = cellOf(promptIndex, pairIndex);
      await runCell({
        run,
        cell,
        signal: active.controller.signal,
        backends: this.deps.backends,
        timings: this.#timings,
        retry: this.#retry,
        clock: this.#clock,
        emit: active.emit,
        ...(active.tools ? { tools: active.tools } : {}),
      });
      active.emit({ type: 'cell-finished', runId: run.id, cell: structuredClone(cell) });
      this.#checkpoint(run);
    };
    try {
      for (let p = 0; p < run.prompts.length && !active.cancelling; p++) {
        if (run.parallel) await Promise.all(run.pairs.map((_, i) => one(p, i)));
        else for (let i = 0; i < run.pairs.length && !active.cancelling; i++) await one(p, i);
      }
    } catch (error) {
      // runCell never throws; this is a bug, and the run must still end and be saved.
      console.error(`[compare] run ${run.id} stopped unexpectedly`, error);
      active.cancelling = true;
    }
    for (const cell of run.cells) if (cell.status === 'pending') cell.status = 'cancelled';
    run.status = active.cancelling ? 'cancelled' : 'complete';
    run.finishedAt = this.#now();
    this.#checkpoint(run);
    // No longer running before anyone hears it ended, so a listener may start the next run at once.
    this.#active.delete(run.id);
    active.emit({ type: 'run-finished', runId: run.id, run: structuredClone(run) });
    this.#listChanged();
  }

  /** A failed write is logged, not thrown: the run goes on and the next write tries again. */
  #checkpoint(run: CompareRun): void {
    try {
      this.#store().save(run);
    } catch (error) {
      console.warn(
        `[compare] saving run ${run.id} failed; it will be retried when the next cell ends`,
        error,
      );
    }
  }

  #listChanged(): void {
    try {
      this.deps.onListChanged?.(this.#store().list());
    } catch (error) {
      console.warn('[compare] onListChanged listener failed', error);
    }
  }

  #store(): CompareStore {
    return this.deps.store();
  }
}

const runNotFound = () =>
  new AppError(
    userError('not-found', 'That compare run no longer exists or could not be read.', 'Pick another run.'),
  );
