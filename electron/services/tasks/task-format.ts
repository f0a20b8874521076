import type { Task, TaskPriority } from '../../../shared/domain/tasks';

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "Fri 2026-12-31": a due day with its short weekday (the day is a calendar day, so read in UTC). */
export function dueLabel(day: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(time)) return day;
  return `${weekdays[new Date(time).getUTCDay()]} ${day}`;
}

/** Today as a calendar day in the machine's own zone (what "today" means to the user). */
export function localDay(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const priorityWord: Record<TaskPriority, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** "Q4 Budget Review · High · due Fri 2026-12-31" — the card's description of a task. */
export function describeTask(task: Pick<Task, 'title' | 'priority' | 'due'>): string {
  return [task.title, priorityWord[task.priority], ...(task.due ? [`due ${dueLabel(task.due)}`] : [])].join(
    ' · ',
  );
}

/** A task as the model reads it: compact, without the fields it does not need. */
export function taskForModel(task: Task): Record<string, unknown> {
  return {
    id: task.id,
    title: task.title,
    ...(task.notes ? { notes: task.notes } : {}),
    priority: task.priority,
    due: task.due,
    status: task.status,
    ...(task.completedAt !== undefined ? { completedAt: new Date(task.completedAt).toISOString() } : {}),
  };
}
