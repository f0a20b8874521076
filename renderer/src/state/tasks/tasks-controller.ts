import type { AssistantApi } from '../../../../shared/contract/api';
import type { Result } from '../../../../shared/contract/result';
import { orderTasks } from '../../../../shared/domain/task-order';
import type { Task, TaskInput, TaskPatch } from '../../../../shared/domain/tasks';
import { createStore, type Store } from '../core/create-store';
import { filtered, initialTasksState, type TaskFilter, type TasksState } from './tasks-state';

/** How long the Undo toast of a delete stays. */
export const UNDO_MS = 8_000;

/**
 * The Tasks panel's state and actions. The list comes from main (`tasks.list`) and follows
 * `tasks.changed`, so the assistant's tool calls and other windows' edits show at once; the panel's
 * own edits are the same `tasks.*` operations.
 */
export class TasksController {
  readonly store: Store<TasksState> = createStore(initialTasksState);
  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly api: AssistantApi) {}

  /** Follows `tasks.changed` and loads the list. Returns the unsubscribe. */
  start(): () => void {
    const stop = this.api.on('tasks.changed', ({ tasks }) => this.store.setState({ tasks, loaded: true }));
    void this.load();
    return () => {
      stop();
      this.#clearUndo();
    };
  }

  async load(): Promise<void> {
    const listed = await this.api.invoke('tasks.list');
    if (listed.ok) this.store.setState({ tasks: listed.value, loaded: true });
    else this.#fail(listed.error.message, listed.error.fix);
  }

  setFilter(filter: TaskFilter): void {
    this.store.setState({ filter });
  }

  dismissError(): void {
    this.store.setState({ error: undefined });
  }

  /** Adds a task; field errors come back in `error.fields` for the form to show. */
  async create(input: TaskInput): Promise<Result<Task>> {
    const made = await this.api.invoke('tasks.create', input);
    if (made.ok) {
      this.#upsert(made.value);
      // A new task is open: show it if the filter hides open tasks.
      if (this.store.getState().filter === 'done') this.store.setState({ filter: 'open' });
    }
    return made;
  }

  async update(id: string, patch: TaskPatch): Promise<Result<Task>> {
    const updated = await this.api.invoke('tasks.update', { id, patch });
    if (updated.ok) this.#upsert(updated.value);
    return updated;
  }

  /** Checks a task off, or back on; focus stays on its checkbox wherever it moves in the list. */
  async toggle(task: Task): Promise<void> {
    const status = task.status === 'done' ? 'open' : 'done';
    // Shown checked at once (a checkbox that waits for the host feels broken); main's answer follows.
    const { completedAt: _was, ...rest } = task;
    const leaving = this.store.getState().filter !== 'all';
    const neighbour = leaving ? this.#neighbour(task) : undefined;
    this.#upsert({ ...rest, status, ...(status === 'done' ? { completedAt: Date.now() } : {}) });
    // Checked off in Open (or back on in Done) it leaves the list: focus goes to its neighbour.
    if (leaving)
      this.store.setState((state) => ({ focus: { seq: state.focus.seq + 1, taskId: neighbour?.id } }));
    const done = await this.update(task.id, { status });
    if (!done.ok) {
      this.#fail(done.error.message, done.error.fix);
      await this.load();
    }
  }

  /** Deletes at once, with Undo for a while; focus moves to the next task (or the previous one). */
  async remove(task: Task): Promise<void> {
    const neighbour = this.#neighbour(task);
    const deleted = await this.api.invoke('tasks.delete', { id: task.id });
    if (!deleted.ok) {
      this.#fail(deleted.error.message, deleted.error.fix);
      return;
    }
    this.#clearUndo();
    this.store.setState((state) => ({
      tasks: state.tasks.filter((t) => t.id !== task.id),
      deleted: deleted.value.task,
      error: undefined,
      focus: { seq: state.focus.seq + 1, taskId: neighbour?.id },
    }));
    this.#undoTimer = setTimeout(() => this.store.setState({ deleted: undefined }), UNDO_MS);
  }

  /** Puts the last deleted task back, focused. */
  async undoDelete(): Promise<void> {
    const task = this.store.getState().deleted;
    if (!task) return;
    this.#clearUndo();
    const restored = await this.api.invoke('tasks.restore', { task });
    if (!restored.ok) {
      this.#fail(restored.error.message, restored.error.fix);
      return;
    }
    this.#upsert(restored.value);
    this.store.setState((state) => ({
      deleted: undefined,
      filter: filtered([restored.value], state.filter).length ? state.filter : 'all',
      focus: { seq: state.focus.seq + 1, taskId: restored.value.id },
    }));
  }

  /** The task shown after this one (or before it, at the end): where focus goes when it leaves. */
  #neighbour(task: Task): Task | undefined {
    const { tasks, filter } = this.store.getState();
    const shown = filtered(tasks, filter);
    const index = shown.findIndex((t) => t.id === task.id);
    return shown[index + 1] ?? shown[index - 1];
  }

  #upsert(task: Task): void {
    this.store.setState((state) => {
      // Main's order, so a change lands where the next `tasks.changed` will put it anyway.
      const tasks = orderTasks([...state.tasks.filter((t) => t.id !== task.id), task]);
      return { tasks, error: undefined };
    });
  }

  #fail(message: string, fix: string): void {
    this.store.setState({ error: `${message} ${fix}` });
  }

  #clearUndo(): void {
    if (this.#undoTimer) clearTimeout(this.#undoTimer);
    this.#undoTimer = undefined;
    this.store.setState({ deleted: undefined });
  }
}
