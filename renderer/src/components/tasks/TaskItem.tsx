import { useEffect, useId, useRef, useState } from 'react';
import type { Task } from '../../../../shared/domain/tasks';
import { revealBidiControls } from '../../../../shared/domain/bidi-controls';
import type { TasksController } from '../../state/tasks/tasks-controller';
import { dueText, today } from '../../state/tasks/tasks-state';
import { draftOf, inputOf, TaskForm } from './TaskForm';

const priorityLabel = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/**
 * One task: a checkbox named by its title, its priority, due day and notes, Edit (in place) and
 * Delete. `focusSeq` changes when the list asks this task's checkbox to take focus (after a delete
 * elsewhere or an Undo).
 */
export function TaskItem({
  task,
  tasks,
  focusSeq,
}: {
  task: Task;
  tasks: TasksController;
  focusSeq: number | undefined;
}) {
  const [editing, setEditing] = useState(false);
  const checkbox = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const done = task.status === 'done';
  const title = revealBidiControls(task.title);
  const overdue = !done && task.due !== null && task.due < today();

  useEffect(() => {
    if (focusSeq !== undefined) checkbox.current?.focus();
  }, [focusSeq]);

  // After an edit, Edit takes focus once the row is back (an effect: the button exists by then,
  // whenever the render lands; the form's focused Save button has gone).
  const [editFocusRequests, setEditFocusRequests] = useState(0);
  useEffect(() => {
    if (!editing && editFocusRequests) editButton.current?.focus();
  }, [editing, editFocusRequests]);

  if (editing) {
    const stop = () => {
      setEditing(false);
      setEditFocusRequests((n) => n + 1);
    };
    return (
      <li className="task-item task-item-editing">
        <TaskForm
          label={`Edit ${task.title}`}
          initial={draftOf(task)}
          submitLabel="Save"
          autoFocus
          onCancel={stop}
          onSubmit={async (draft) => {
            const saved = await tasks.update(task.id, inputOf(draft));
            if (saved.ok) stop();
            return saved;
          }}
        />
      </li>
    );
  }

  return (
    <li className={`task-item${done ? ' task-done' : ''}`} data-task-id={task.id}>
      <input
        ref={checkbox}
        type="checkbox"
        className="task-check"
        checked={done}
        aria-labelledby={titleId}
        onChange={() => void tasks.toggle(task)}
      />
      <div className="task-main">
        <span id={titleId} className="task-title">
          {title}
        </span>
        <span className="task-meta">
          <span className={`task-priority task-priority-${task.priority}`}>
            {priorityLabel[task.priority]}
          </span>
          {task.due && (
            <span className={`task-due${overdue ? ' task-overdue' : ''}`}>
              {overdue ? 'Overdue · ' : 'Due '}
              {dueText(task.due)}
            </span>
          )}
        </span>
        {task.notes && <p className="task-notes">{revealBidiControls(task.notes)}</p>}
      </div>
      <div className="task-actions">
        <button
          ref={editButton}
          type="button"
          className="button button-quiet"
          aria-label={`Edit ${task.title}`}
          onClick={() => setEditing(true)}
        >
          Edit
        </button>
        <button
          type="button"
          className="button button-quiet"
          aria-label={`Delete ${task.title}`}
          onClick={() => void tasks.remove(task)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
