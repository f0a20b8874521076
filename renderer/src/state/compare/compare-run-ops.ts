import type {
  CellStatus,
  CompareCell,
  CompareRun,
  CompareStreamEvent,
} from '../../../../shared/domain/compare';
import type { ReasoningPart, StreamedPartType } from '../../../../shared/domain/message-parts';

/**
 * Pure edits of a compare run as its stream events arrive. Each returns a new run (with only the
 * changed cell replaced, so the other cells keep their identity and their memoised views), or the
 * same run when the event is not for it or changes nothing.
 */

/** Where a cell sits in `run.cells`: prompt order, then pair order (looked up when the order differs). */
export function cellIndex(run: CompareRun, promptIndex: number, pairIndex: number): number {
  const guess = promptIndex * run.pairs.length + pairIndex;
  const cell = run.cells[guess];
  if (cell && cell.promptIndex === promptIndex && cell.pairIndex === pairIndex) return guess;
  return run.cells.findIndex((c) => c.promptIndex === promptIndex && c.pairIndex === pairIndex);
}

export function cellAt(run: CompareRun, promptIndex: number, pairIndex: number): CompareCell | undefined {
  const index = cellIndex(run, promptIndex, pairIndex);
  return index === -1 ? undefined : run.cells[index];
}

function replaceCell(run: CompareRun, cell: CompareCell): CompareRun {
  const index = cellIndex(run, cell.promptIndex, cell.pairIndex);
  const cells = run.cells.slice();
  if (index === -1) cells.push(cell);
  else if (cells[index] === cell) return run;
  else cells[index] = cell;
  return { ...run, cells };
}

/** The cell has started: it streams (its text starts over). */
export function startCell(run: CompareRun, promptIndex: number, pairIndex: number): CompareRun {
  return replaceCell(run, { promptIndex, pairIndex, status: 'streaming', text: '' });
}

/**
 * Appends streamed text to a cell (several deltas, coalesced by the caller, in one call): the answer
 * to `text`, reasoning to the cell's live `reasoning` (started at `at`, for its running time).
 */
export function appendCellText(
  run: CompareRun,
  promptIndex: number,
  pairIndex: number,
  text: string,
  kind: StreamedPartType = 'text',
  at: number = Date.now(),
): CompareRun {
  if (text.length === 0) return run;
  const previous = cellAt(run, promptIndex, pairIndex);
  const base: CompareCell = previous ?? { promptIndex, pairIndex, status: 'streaming', text: '' };
  const status: CellStatus = base.status === 'pending' ? 'streaming' : base.status;
  if (kind === 'text') {
    // The answer started: the reasoning before it is over and folds with its time.
    const thought = base.reasoning;
    const reasoning =
      thought && thought.durationMs === undefined && thought.startedAt !== undefined
        ? { ...thought, durationMs: Math.max(0, at - thought.startedAt) }
        : thought;
    return replaceCell(run, { ...base, status, text: base.text + text, ...(reasoning ? { reasoning } : {}) });
  }
  const reasoning: ReasoningPart = base.reasoning
    ? { ...base.reasoning, text: base.reasoning.text + text }
    : { type: 'reasoning', id: 'reasoning', text, startedAt: at };
  return replaceCell(run, { ...base, status, reasoning });
}

/** A finished cell as main saved it: replaces whatever streamed. */
export function finishCell(run: CompareRun, cell: CompareCell): CompareRun {
  return replaceCell(run, cell);
}

/** Applies one stream event to the run it is for; `run-started` and `run-finished` carry the whole run. */
export function applyCompareEvent(run: CompareRun, event: CompareStreamEvent): CompareRun {
  switch (event.type) {
    case 'run-started':
    case 'run-finished':
      return event.run.id === run.id ? event.run : run;
    case 'cell-started':
      return event.runId === run.id ? startCell(run, event.promptIndex, event.pairIndex) : run;
    case 'cell-delta':
      return event.runId === run.id
        ? appendCellText(run, event.promptIndex, event.pairIndex, event.text, event.kind)
        : run;
    case 'cell-finished':
      return event.runId === run.id ? finishCell(run, event.cell) : run;
  }
}

const doneStatuses: ReadonlySet<CellStatus> = new Set(['complete', 'incomplete', 'cancelled', 'failed']);

export function isCellDone(cell: CompareCell): boolean {
  return doneStatuses.has(cell.status);
}

export interface RunProgress {
  total: number;
  done: number;
  failed: number;
  /** The prompt being answered now (1-based), while the run goes. */
  currentPrompt: number | undefined;
}

export function runProgress(run: CompareRun): RunProgress {
  let done = 0;
  let failed = 0;
  let current: number | undefined;
  for (const cell of run.cells) {
    if (isCellDone(cell)) done++;
    if (cell.status === 'failed') failed++;
    if (current === undefined && cell.status === 'streaming') current = cell.promptIndex + 1;
  }
  return { total: run.prompts.length * run.pairs.length, done, failed, currentPrompt: current };
}

/** One sentence for the polite live region; changes only when a cell or the run ends, never per token. */
export function progressAnnouncement(run: CompareRun): string {
  const { total, done, failed } = runProgress(run);
  const failures = failed === 0 ? '' : failed === 1 ? ', 1 failed' : `, ${failed} failed`;
  if (run.status === 'running') return `Compare run: ${done} of ${total} answers done${failures}.`;
  if (run.status === 'cancelled') return `Compare run stopped: ${done} of ${total} answers kept${failures}.`;
  return `Compare run finished: ${total} answers${failures}.`;
}
