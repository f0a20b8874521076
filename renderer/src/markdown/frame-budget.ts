import { COST_PER_FRAME } from './render-limits';

/**
 * One formatting budget per animation frame, shared by every reply on the page: opening a
 * conversation mounts several replies in one commit, and each taking a frame's worth would add up
 * to one long task. Each reply still mounts at least one block per frame, so all make progress.
 */
let spent = 0;
let resetScheduled = false;

export function frameBudgetLeft(): number {
  return Math.max(0, COST_PER_FRAME - spent);
}

export function spendFrameBudget(cost: number): void {
  // Without frames (a static render) there is nothing to spread over.
  if (typeof requestAnimationFrame === 'undefined') return;
  spent += cost;
  if (resetScheduled) return;
  resetScheduled = true;
  requestAnimationFrame(() => {
    spent = 0;
    resetScheduled = false;
  });
}
