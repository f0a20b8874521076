import type { CompareCell, CompareRun } from '../../../shared/domain/compare';
import { userError } from '../../../shared/domain/errors';

/** Small pure helpers over a run's shape: labels, the list summary, and settling an interrupted run. */

/**
 * "Profile · model" for each pair, unique within the run: a label that would repeat gets " (2)",
 * " (3)"… (the same pair twice is allowed, e.g. to see run-to-run noise).
 */
export function pairLabels(pairs: readonly { profileName: string; model: string }[]): string[] {
  const taken = new Set<string>();
  return pairs.map(({ profileName, model }) => {
    const base = `${profileName} · ${model}`;
    let label = base;
    for (let n = 2; taken.has(label); n++) label = `${base} (${n})`;
    taken.add(label);
    return label;
  });
}

/**
 * A saved run's default name, short and without repeats: "3 prompts · llama3.2 vs qwen3 · 14:02".
 * Each model once (the profile names instead when every pair uses the same model), at most three
 * then "+N"; the full pair labels are kept on the run beside it.
 */
export function defaultRunName(
  promptCount: number,
  pairs: readonly { profileName: string; model: string }[],
  at: number,
): string {
  const unique = (names: string[]) => [...new Set(names)];
  const models = unique(pairs.map((p) => p.model));
  const sides = models.length > 1 || pairs.length === 1 ? models : unique(pairs.map((p) => p.profileName));
  const shown = sides.slice(0, 3).join(' vs ') + (sides.length > 3 ? ` +${sides.length - 3}` : '');
  const time = new Date(at);
  const clock = `${String(time.getHours()).padStart(2, '0')}:${String(time.getMinutes()).padStart(2, '0')}`;
  const prompts = promptCount === 1 ? '1 prompt' : `${promptCount} prompts`;
  return `${prompts} · ${shown.slice(0, 160)} · ${clock}`;
}

/** Every prompt × pair, in prompt order then pair order, not yet run. */
export function pendingCells(promptCount: number, pairCount: number): CompareCell[] {
  const cells: CompareCell[] = [];
  for (let promptIndex = 0; promptIndex < promptCount; promptIndex++)
    for (let pairIndex = 0; pairIndex < pairCount; pairIndex++)
      cells.push({ promptIndex, pairIndex, status: 'pending', text: '' });
  return cells;
}

/**
 * A run the app stopped in the middle of (crash, kill): a streaming cell keeps its text as cut off,
 * cells never started are cancelled, and the run reads as cancelled.
 */
export function settleInterrupted(run: CompareRun, at: number): CompareRun {
  return {
    ...run,
    status: 'cancelled',
    finishedAt: run.finishedAt ?? at,
    cells: run.cells.map((cell) =>
      cell.status === 'streaming'
        ? {
            ...cell,
            status: 'incomplete',
            error:
              cell.error ??
              userError(
                'incomplete',
                'The app closed before this answer was finished.',
                'Run the comparison again for a complete answer.',
              ),
          }
        : cell.status === 'pending'
          ? { ...cell, status: 'cancelled' }
          : cell,
    ),
  };
}
