import type { z } from 'zod';
import { issueMessage } from '../../../shared/contract/input-issues';
import { userError } from '../../../shared/domain/errors';
import {
  TASKS_MAX,
  taskInputSchema,
  taskPatchSchema,
  taskSchema,
  type Task,
  type TaskInput,
  type TaskPatch,
} from '../../../shared/domain/tasks';
import { AppError } from '../app-error';
import { orderTasks } from '../../../shared/domain/task-order';
import type { TaskStore } from './task-store';

export interface TaskServiceOptions {
  store: Pick<TaskStore, 'tasks' | 'save'>;
  /** After every change, with the whole list in display order (`tasks.changed`). */
  onChanged?: (tasks: Task[]) => void;
  now?: () => number;
  newId?: () => string;
}

/**
 * The task list's operations. The Tasks panel (through `tasks.*`) and the assistant (through the
 * task tools) call the same methods, so both are checked the same way and every change reaches
 * every window.
 */
export class TaskService {
  readonly #now: () => number;
  readonly #newId: () => string;

  constructor(private readonly options: TaskServiceOptions) {
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** Open tasks first (soonest due, then highest priority), then done ones (latest completed first). */
  list(): Task[] {
    return orderTasks(this.options.store.tasks());
  }

  get(id: string): Task {
    const task = this.options.store.tasks().find((t) => t.id === id);
    if (!task) throw taskNotFound();
    return task;
  }

  create(input: TaskInput, conversationId?: string): Task {
    const { title, notes, priority, due } = checked(taskInputSchema, input);
    const tasks = this.options.store.tasks();
    if (tasks.length >= TASKS_MAX) {
      throw new AppError(
        userError(
          'invalid-input',
          `The task list is full (${TASKS_MAX.toLocaleString('en-US')} tasks).`,
          'Delete tasks you no longer need, then add this one.',
        ),
      );
    }
    const at = this.#now();
    const task: Task = {
      id: `task-${this.#newId()}`,
      title,
      notes: notes ?? '',
      priority: priority ?? 'medium',
      due: due ?? null,
      status: 'open',
      createdAt: at,
      updatedAt: at,
      ...(conversationId !== undefined ? { conversationId } : {}),
    };
    this.#write([...tasks, task]);
    return { ...task };
  }

  /** Only the fields given change; done sets `completedAt`, reopening clears it. */
  update(id: string, patch: TaskPatch): Task {
    const changes = checked(taskPatchSchema, patch);
    const tasks = this.options.store.tasks();
    const current = tasks.find((t) => t.id === id);
    if (!current) throw taskNotFound();
    const at = this.#now();
    const { completedAt: _was, ...rest } = current;
    const status = changes.status ?? current.status;
    const next: Task = {
      ...rest,
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
      ...(changes.priority !== undefined ? { priority: changes.priority } : {}),
      ...(changes.due !== undefined ? { due: changes.due } : {}),
      status,
      updatedAt: at,
      ...(status === 'done'
        ? { completedAt: current.status === 'done' ? (current.completedAt ?? at) : at }
        : {}),
    };
    this.#write(tasks.map((t) => (t.id === id ? next : t)));
    return { ...next };
  }

  complete(id: string): Task {
    return this.update(id, { status: 'done' });
  }

  /** Deletes for good; the answered task is what `restore` takes to undo it. */
  delete(id: string): { task: Task } {
    const tasks = this.options.store.tasks();
    const task = tasks.find((t) => t.id === id);
    if (!task) throw taskNotFound();
    this.#write(tasks.filter((t) => t.id !== id));
    return { task: { ...task } };
  }

  /** Puts a deleted task back as it was; one that is still there is answered unchanged. */
  restore(task: Task): Task {
    const parsed = checked(taskSchema, task);
    const tasks = this.options.store.tasks();
    const present = tasks.find((t) => t.id === parsed.id);
    if (present) return present;
    // The saved fields are checked like a new task's, so a restore cannot bring in what create refuses.
    checked(taskInputSchema, {
      title: parsed.title,
      notes: parsed.notes,
      priority: parsed.priority,
      due: parsed.due,
    });
    this.#write([...tasks, parsed]);
    return { ...parsed };
  }

  #write(tasks: Task[]): void {
    this.options.store.save(tasks);
    try {
      this.options.onChanged?.(orderTasks(tasks));
    } catch (error) {
      console.warn('[tasks] a change listener failed', error);
    }
  }
}

export const taskNotFound = (): AppError =>
  new AppError(
    userError('not-found', 'That task no longer exists.', 'Refresh the task list and pick another task.'),
  );

/** Parses with the contract's schema; a failure names the fields and what to write instead. */
function checked<S extends z.ZodTypeAny>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.infer<S>;
  const fields = Object.fromEntries(
    parsed.error.issues.map((i) => [i.path.map(String).join('.') || 'form', issueMessage(i)]),
  );
  throw new AppError(
    userError('invalid-input', Object.values(fields).join(' '), 'Correct the marked fields.', { fields }),
  );
}
