import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import type {
  CompareRun,
  CompareRunSummary,
  CompareStart,
  CompareStreamEvent,
  ExportedFile,
  ExportFormat,
  PromptSet,
  PromptSetInput,
} from '../../../../shared/domain/compare';
import type { UserError } from '../../../../shared/domain/errors';
import type { StreamedPartType } from '../../../../shared/domain/message-parts';
import { compareRunSummary as summaryOf } from '../../../../shared/domain/compare-run-summary';
import { appendCellText, applyCompareEvent } from './compare-run-ops';
import { initialCompareState, type CompareState } from './compare-state';
import { createStore, type Store } from '../core/create-store';
import { FrameScheduler } from '../core/frame-scheduler';

/**
 * The compare view's actions and the wiring of `compare.stream` and `compare.changed` into its
 * store. Streamed text is buffered outside React and committed at most once per animation frame,
 * as the chat's stream store does, so side-by-side columns at any token rate cost one render a frame.
 */
export class CompareController {
  readonly store: Store<CompareState> = createStore(initialCompareState);
  /** Text received since the last frame, per cell of the shown run and kind ("prompt:pair:kind"), in arrival order. */
  readonly #pendingText = new Map<string, PendingText>();
  /** The last `seq` seen of each run still going: a repeated or older event is ignored. */
  readonly #lastSeq = new Map<string, number>();
  readonly #frame = new FrameScheduler(() => this.#flush());
  /** Waiting for the run just started here: its `run-started` event or `compare.start` answer. */
  #awaitingStart = false;
  #expectedRunId: string | undefined;
  #openToken = 0;

  constructor(private readonly api: AssistantApi) {}

  /** Subscribes to the host's compare events and loads the saved runs and prompt sets. Returns the unsubscribe. */
  start(): () => void {
    const stops = [
      this.api.on('compare.stream', (event) => this.#onStream(event)),
      this.api.on('compare.changed', ({ runs }) => this.#set({ runs, runsLoaded: true })),
    ];
    void this.refresh();
    return () => stops.forEach((stop) => stop());
  }

  async refresh(): Promise<void> {
    await Promise.all([this.loadRuns(), this.loadPromptSets()]);
  }

  async loadRuns(): Promise<void> {
    const listed = await this.api.invoke('compare.list');
    if (listed.ok) this.#set({ runs: listed.value, runsLoaded: true });
    else this.#notify(listed.error, 'The saved runs could not be loaded.');
  }

  async loadPromptSets(): Promise<void> {
    const listed = await this.api.invoke('compare.promptSets');
    if (listed.ok) this.#set({ promptSets: listed.value, promptSetsLoaded: true });
    else this.#notify(listed.error, 'The prompt sets could not be loaded.');
  }

  // --- runs ----------------------------------------------------------------------------------

  /** Starts a run; the answers stream into `shown`. Resolves with the host's refusal, if any. */
  async run(input: CompareStart): Promise<UserError | undefined> {
    if (this.store.getState().starting) return undefined;
    this.#awaitingStart = true;
    this.#expectedRunId = undefined;
    this.#set({ starting: true, startError: undefined, notice: undefined });
    const started = await this.api.invoke('compare.start', input);
    this.#set({ starting: false });
    if (!started.ok) {
      this.#awaitingStart = false;
      this.#set({ startError: started.error });
      return started.error;
    }
    const { runId } = started.value;
    if (this.store.getState().shown?.id === runId) {
      this.#awaitingStart = false;
      return undefined;
    }
    // `run-started` has not come yet (the host answered first): show the run when it does, or fetch it.
    this.#expectedRunId = runId;
    const fetched = await this.api.invoke('compare.get', { id: runId });
    if (this.#awaitingStart && this.#expectedRunId === runId && fetched.ok) {
      this.#awaitingStart = false;
      this.#show(fetched.value);
    }
    return undefined;
  }

  /** Stops the shown run; the answers that finished are kept and the run is saved as cancelled. */
  async cancel(): Promise<void> {
    const shown = this.store.getState().shown;
    if (!shown || shown.status !== 'running') return;
    const cancelled = await this.api.invoke('compare.cancel', { runId: shown.id });
    if (!cancelled.ok) this.#notify(cancelled.error, 'The run could not be stopped.');
  }

  /** Reopens a saved run (or one still running, which then goes on streaming here). */
  async open(id: string): Promise<void> {
    const token = ++this.#openToken;
    this.#awaitingStart = false;
    const loaded = await this.api.invoke('compare.get', { id });
    if (token !== this.#openToken) return;
    if (!loaded.ok) return this.#notify(loaded.error, 'The run could not be opened.');
    this.#show(loaded.value);
  }

  /** Clears the results area (back to an empty form); the run stays saved. */
  closeShown(): void {
    this.#openToken++;
    this.#awaitingStart = false;
    this.#pendingText.clear();
    this.#set({ shown: undefined });
  }

  async remove(id: string): Promise<boolean> {
    const deleted = await this.api.invoke('compare.delete', { id });
    if (!deleted.ok) {
      this.#notify(deleted.error, 'The run was not deleted.');
      return false;
    }
    this.#set((state) => ({
      runs: state.runs.filter((r) => r.id !== id),
      ...(state.shown?.id === id ? { shown: undefined } : {}),
    }));
    return true;
  }

  async exportRun(id: string, format: ExportFormat): Promise<Result<ExportedFile>> {
    const exported = await this.api.invoke('compare.export', { id, format });
    if (!exported.ok)
      this.#notify(exported.error, `The run was not exported as ${format === 'csv' ? 'CSV' : 'Markdown'}.`);
    return exported;
  }

  // --- prompt sets ---------------------------------------------------------------------------

  async savePromptSet(input: PromptSetInput): Promise<Result<PromptSet>> {
    const saved = await this.api.invoke('compare.savePromptSet', input);
    if (saved.ok)
      this.#set((state) => {
        const index = state.promptSets.findIndex((s) => s.id === saved.value.id);
        const promptSets = state.promptSets.slice();
        if (index === -1) promptSets.push(saved.value);
        else promptSets[index] = saved.value;
        return { promptSets };
      });
    return saved;
  }

  async deletePromptSet(id: string): Promise<boolean> {
    const deleted = await this.api.invoke('compare.deletePromptSet', { id });
    if (!deleted.ok) {
      this.#notify(deleted.error, 'The prompt set was not deleted.');
      return false;
    }
    this.#set((state) => ({ promptSets: state.promptSets.filter((s) => s.id !== id) }));
    return true;
  }

  dismissNotice(): void {
    this.#set({ notice: undefined });
  }

  /** The form changed: the host's complaint about the previous input no longer applies. */
  clearStartError(): void {
    this.#set({ startError: undefined });
  }

  // --- internals -----------------------------------------------------------------------------

  #set(update: Partial<CompareState> | ((state: CompareState) => Partial<CompareState>)): void {
    this.store.setState(update);
  }

  #notify(error: UserError, context: string): void {
    this.#set({ notice: { error, context } });
  }

  #show(run: CompareRun): void {
    this.#pendingText.clear();
    this.#set((state) => ({ shown: run, runs: withSummary(state.runs, summaryOf(run)) }));
  }

  #onStream(event: CompareStreamEvent): void {
    const runId = event.runId;
    const last = this.#lastSeq.get(runId);
    if (last !== undefined && event.seq <= last) return;
    if (event.type === 'run-finished') this.#lastSeq.delete(runId);
    else this.#lastSeq.set(runId, event.seq);
    if (event.type === 'run-started') {
      const mine =
        this.#awaitingStart && (this.#expectedRunId === undefined || this.#expectedRunId === runId);
      if (mine) {
        this.#awaitingStart = false;
        this.#openToken++;
        this.#show(event.run);
      } else {
        this.#set((state) => ({ runs: withSummary(state.runs, summaryOf(event.run)) }));
      }
      return;
    }
    const shown = this.store.getState().shown;
    if (!shown || shown.id !== runId) {
      if (event.type === 'run-finished')
        this.#set((state) => ({ runs: withSummary(state.runs, summaryOf(event.run)) }));
      return;
    }
    if (event.type === 'cell-delta') {
      const { promptIndex, pairIndex, kind, text } = event;
      const key = `${promptIndex}:${pairIndex}:${kind}`;
      const pending = this.#pendingText.get(key);
      if (pending) pending.text += text;
      else this.#pendingText.set(key, { promptIndex, pairIndex, kind, text, at: Date.now() });
      this.#frame.request();
      return;
    }
    // A finished cell carries its whole text: what is still buffered for it must not be added again.
    if (event.type === 'cell-finished') this.#dropPending(event.cell.promptIndex, event.cell.pairIndex);
    if (event.type === 'cell-started') this.#dropPending(event.promptIndex, event.pairIndex);
    if (event.type === 'run-finished') this.#pendingText.clear();
    const next = applyCompareEvent(shown, event);
    this.#set((state) => ({
      shown: next,
      ...(event.type === 'run-finished' ? { runs: withSummary(state.runs, summaryOf(event.run)) } : {}),
    }));
  }

  #dropPending(promptIndex: number, pairIndex: number): void {
    this.#pendingText.delete(`${promptIndex}:${pairIndex}:text`);
    this.#pendingText.delete(`${promptIndex}:${pairIndex}:reasoning`);
  }

  #flush(): void {
    const shown = this.store.getState().shown;
    if (!shown || this.#pendingText.size === 0) return;
    let next = shown;
    for (const { promptIndex, pairIndex, text, kind, at } of this.#pendingText.values())
      next = appendCellText(next, promptIndex, pairIndex, text, kind, at);
    this.#pendingText.clear();
    this.#set({ shown: next });
  }
}

interface PendingText {
  promptIndex: number;
  pairIndex: number;
  kind: StreamedPartType;
  text: string;
  /** When the first of it arrived (a reasoning part's start). */
  at: number;
}

/** The saved list with one run's row added or refreshed, newest first. */
function withSummary(runs: CompareRunSummary[], summary: CompareRunSummary): CompareRunSummary[] {
  const rest = runs.filter((r) => r.id !== summary.id);
  return [summary, ...rest].sort((a, b) => b.createdAt - a.createdAt);
}
