import type { CompareCell, CompareRun } from '../../../shared/domain/compare';
import { stat, type Stat } from '../../../shared/domain/compare-stats';

/**
 * The reasoning figures of a compare run: time to first reasoning token and to first answer token.
 * Shown only when some answer of the run reasoned, so a run of plain models keeps its tables as they were.
 */

export function cellReasoned(cell: CompareCell | undefined): boolean {
  return cell !== undefined && (cell.reasoning !== undefined || cell.metrics?.ttfrMs !== undefined);
}

export function runReasoned(run: Pick<CompareRun, 'cells'>): boolean {
  return run.cells.some(cellReasoned);
}

/** One prompt's cells, by pair index (a pair that has not started has none). */
export function promptCells(
  run: Pick<CompareRun, 'cells'>,
  promptIndex: number,
): (CompareCell | undefined)[] {
  const cells: (CompareCell | undefined)[] = [];
  for (const cell of run.cells) if (cell.promptIndex === promptIndex) cells[cell.pairIndex] = cell;
  return cells;
}

export interface PairReasoningFigures {
  ttfrMs: Stat;
  ttfaMs: Stat;
}

/** Mean and median per pair over its completed answers, as the other overall figures are. */
export function pairReasoningFigures(
  run: Pick<CompareRun, 'cells'>,
  pairIndex: number,
): PairReasoningFigures {
  const done = run.cells.filter((c) => c.pairIndex === pairIndex && c.status === 'complete');
  return {
    ttfrMs: stat(done.map((c) => c.metrics?.ttfrMs)),
    ttfaMs: stat(done.map((c) => c.metrics?.ttfaMs)),
  };
}
