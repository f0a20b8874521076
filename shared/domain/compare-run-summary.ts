import type { CompareRun, CompareRunSummary } from './compare';

/**
 * The saved-runs row of a run: main lists it, and a window shows it before `compare.changed`
 * arrives. Kept apart from `compare.ts` so the renderer's chat bundle does not pull in its schemas.
 */
export function compareRunSummary(run: CompareRun): CompareRunSummary {
  return {
    id: run.id,
    name: run.name,
    createdAt: run.createdAt,
    status: run.status,
    pairLabels: run.pairs.map((p) => p.label),
    promptCount: run.prompts.length,
  };
}
