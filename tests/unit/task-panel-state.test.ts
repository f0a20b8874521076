import { describe, expect, it } from 'vitest';
import type { Task } from '../../shared/domain/tasks';
import { commandAction } from '../../renderer/src/state/desktop/desktop-commands';
import { TasksController } from '../../renderer/src/state/tasks/tasks-controller';
import { FakeApi } from './renderer-fake-api';

/** The Tasks panel's state: live list, focus after a task leaves the list, Undo, a failed check-off. */
const task = (id: string, title: string, extra: Partial<Task> = {}): Task => ({
  id,
  title,
  notes: '',
  priority: 'medium',
  due: null,
  status: 'open',
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});
const ok = <T>(value: T) => ({ ok: true as const, value });

function setup(tasks: Task[]) {
  const api = new FakeApi({ 'tasks.list': () => ok(tasks) });
  const controller = new TasksController(api);
  const stop = controller.start();
  return { api, controller, stop, state: () => controller.store.getState() };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('tasks panel state', () => {
  it('loads the list and follows tasks.changed (the assistant’s changes, other windows’)', async () => {
    const { api, state } = setup([task('a', 'One')]);
    await settle();
    expect(state().tasks.map((t) => t.title)).toEqual(['One']);
    api.emit('tasks.changed', { tasks: [task('a', 'One'), task('b', 'From the assistant')] });
    expect(state().tasks.map((t) => t.title)).toEqual(['One', 'From the assistant']);
  });

  it('delete moves focus to the next task (the previous at the end, the add field when none), Undo restores and focuses it', async () => {
    const a = task('a', 'A');
    const b = task('b', 'B');
    const { api, controller, state } = setup([a, b]);
    await settle();
    api.answer('tasks.delete', (input) => ok({ task: (input as { id: string }).id === 'a' ? a : b }));
    await controller.remove(a);
    expect(state().tasks.map((t) => t.id)).toEqual(['b']);
    expect(state().deleted).toEqual(a);
    expect(state().focus.taskId).toBe('b');
    await controller.remove(b);
    expect(state().focus.taskId).toBeUndefined();

    api.answer('tasks.restore', (input) => ok((input as { task: Task }).task));
    await controller.undoDelete();
    expect(api.calls.at(-1)).toEqual({ route: 'tasks.restore', input: { task: b } });
    expect(state().deleted).toBeUndefined();
    expect(state().focus.taskId).toBe('b');
    expect(state().tasks.map((t) => t.id)).toEqual(['b']);
  });

  it('a check-off shows at once and moves focus on; a refused one reloads the list and says why', async () => {
    const a = task('a', 'A');
    const b = task('b', 'B');
    const { api, controller, state } = setup([a, b]);
    await settle();
    let answer: (value: unknown) => void = () => undefined;
    api.answer('tasks.update', () => new Promise((resolve) => (answer = resolve as typeof answer)));
    const toggling = controller.toggle(a);
    expect(state().tasks.find((t) => t.id === 'a')?.status).toBe('done');
    expect(state().focus.taskId).toBe('b');
    answer({
      ok: false,
      error: { code: 'not-found', message: 'That task no longer exists.', fix: 'Refresh.', retryable: false },
    });
    await toggling;
    expect(state().error).toBe('That task no longer exists. Refresh.');
    expect(state().tasks.find((t) => t.id === 'a')?.status).toBe('open');
  });

  it('the open-tasks command is for the main window; the tray hands it over', () => {
    expect(commandAction('main', { command: 'open-tasks', target: 'main' })).toEqual({ type: 'open-tasks' });
    expect(commandAction('tray', { command: 'open-tasks', target: 'tray' })).toBeUndefined();
  });
});
