import type { Task } from '../../../../shared/domain/tasks';

/** Which tasks the panel lists. */
export type TaskFilter = 'open' | 'done' | 'all';

export interface TasksState {
  /** As main orders them: open (soonest due, highest priority) first, then done (latest first). */
  tasks: Task[];
  loaded: boolean;
  filter: TaskFilter;
  /** The task just deleted here, for the Undo toast; cleared when undone or after a while. */
  deleted: Task | undefined;
  /** The last action's failure, worded for the user. */
  error: string | undefined;
  /** Where focus goes next: a task's checkbox, or the add field when none is left. */
  focus: { seq: number; taskId: string | undefined };
}

export const initialTasksState: TasksState = {
  tasks: [],
  loaded: false,
  filter: 'open',
  deleted: undefined,
  error: undefined,
  focus: { seq: 0, taskId: undefined },
};

/** The tasks a filter shows, in the list's order. */
export function filtered(tasks: readonly Task[], filter: TaskFilter): Task[] {
  return filter === 'all' ? [...tasks] : tasks.filter((t) => t.status === filter);
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "Fri 2026-12-31" (a due date is a calendar day: read in UTC so no zone shifts it). */
export function dueText(day: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(time) ? day : `${weekdays[new Date(time).getUTCDay()]} ${day}`;
}

/** Today as the user's calendar day, for "overdue". */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
