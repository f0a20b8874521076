import type { Task, TaskPriority } from './tasks';

const priorityRank: Record<TaskPriority, number> = { high: 0, medium: 1, low: 2 };

/**
 * The list's one order, for the panel and the `list_tasks` tool alike: open tasks first — soonest
 * due (no due date last), then highest priority, then oldest — then done tasks, latest completed first.
 */
export function orderTasks(tasks: readonly Task[]): Task[] {
  return [...tasks].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
    if (a.status === 'done')
      return (b.completedAt ?? b.updatedAt) - (a.completedAt ?? a.updatedAt) || a.id.localeCompare(b.id);
    const due = (a.due ?? '9999-99-99').localeCompare(b.due ?? '9999-99-99');
    return (
      due ||
      priorityRank[a.priority] - priorityRank[b.priority] ||
      a.createdAt - b.createdAt ||
      a.id.localeCompare(b.id)
    );
  });
}
