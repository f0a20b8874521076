import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useAppState, useController } from '../../state/controller-context';
import { filtered, type TaskFilter } from '../../state/tasks/tasks-state';
import '../../styles/tasks.css';
import { emptyDraft, inputOf, TaskForm } from './TaskForm';
import { TaskItem } from './TaskItem';
import { UndoToast } from './UndoToast';

const filters: { value: TaskFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'done', label: 'Done' },
  { value: 'all', label: 'All' },
];

const emptyText: Record<TaskFilter, string> = {
  open: 'No open tasks. Add one above, or ask TaskMaster to.',
  done: 'Nothing checked off yet.',
  all: 'No tasks yet. Add one above, or ask TaskMaster to.',
};

/**
 * The Tasks panel: the task list the assistant's task tools keep, to add to, edit, check off and
 * delete (with Undo). It follows `tasks.changed`, so the assistant's changes and other windows'
 * show at once. Loaded lazily like settings and compare.
 */
export default function TasksView({ hidden }: { hidden: boolean }) {
  const controller = useController();
  const tasks = controller.tasks;
  const state = useSyncExternalStore(tasks.store.subscribe, tasks.store.getState);
  const connection = useAppState((s) => s.connection);
  const heading = useRef<HTMLHeadingElement>(null);
  const addTitle = useRef<HTMLInputElement>(null);

  useEffect(() => tasks.start(), [tasks]);
  // After a lost connection (a restarted host), read the list again.
  useEffect(() => {
    if (connection === 'open') void tasks.load();
  }, [connection, tasks]);

  useEffect(() => {
    if (!hidden) heading.current?.focus();
  }, [hidden]);

  // A delete that left nothing to focus in the list hands focus to the add field.
  const { focus } = state;
  useEffect(() => {
    if (focus.seq > 0 && focus.taskId === undefined) addTitle.current?.focus();
  }, [focus]);

  useEffect(() => {
    if (hidden) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      controller.closeTasks();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, hidden]);

  const shown = filtered(state.tasks, state.filter);
  const count = (filter: TaskFilter) => filtered(state.tasks, filter).length;

  return (
    <section className="tasks" hidden={hidden} aria-labelledby="tasks-title">
      <header className="settings-header tasks-header">
        <button
          type="button"
          className="button button-quiet back-button"
          onClick={() => controller.closeTasks()}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M10 3 5 8l5 5" />
          </svg>
          Back to chat
        </button>
        <h1 id="tasks-title" className="settings-title" ref={heading} tabIndex={-1}>
          Tasks
        </h1>
      </header>
      <div className="tasks-body">
        <TaskForm
          label="New task"
          initial={emptyDraft}
          submitLabel="Add task"
          titleRef={addTitle}
          onSubmit={(draft) => tasks.create(inputOf(draft))}
        />
        <div className="tasks-filter" role="group" aria-label="Show">
          {filters.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              className="button button-quiet"
              aria-pressed={state.filter === value}
              onClick={() => tasks.setFilter(value)}
            >
              {label} <span className="tasks-count">{count(value)}</span>
            </button>
          ))}
        </div>
        {state.error && (
          <p className="tasks-error" role="alert">
            {state.error}{' '}
            <button type="button" className="button button-quiet" onClick={() => tasks.dismissError()}>
              Dismiss
            </button>
          </p>
        )}
        {state.loaded && shown.length === 0 ? (
          <p className="tasks-empty">{emptyText[state.filter]}</p>
        ) : (
          <ul
            className="task-list"
            aria-label={`${filters.find((f) => f.value === state.filter)!.label} tasks`}
          >
            {shown.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                tasks={tasks}
                focusSeq={focus.taskId === task.id ? focus.seq : undefined}
              />
            ))}
          </ul>
        )}
      </div>
      <UndoToast deleted={state.deleted} onUndo={() => void tasks.undoDelete()} />
    </section>
  );
}
