import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { TITLE_MAX } from '../../../../shared/contract/limits';
import type { Result } from '../../../../shared/contract/result';
import {
  TASK_NOTES_MAX,
  taskPriorities,
  type Task,
  type TaskInput,
  type TaskPriority,
} from '../../../../shared/domain/tasks';

export interface TaskDraft {
  title: string;
  notes: string;
  priority: TaskPriority;
  /** `''`: no due date (the date field's empty value). */
  due: string;
}

export const emptyDraft: TaskDraft = { title: '', notes: '', priority: 'medium', due: '' };
export const draftOf = (task: Task): TaskDraft => ({
  title: task.title,
  notes: task.notes,
  priority: task.priority,
  due: task.due ?? '',
});
export const inputOf = (draft: TaskDraft): Required<TaskInput> => ({
  title: draft.title,
  notes: draft.notes,
  priority: draft.priority,
  due: draft.due === '' ? null : draft.due,
});

const priorityLabel: Record<TaskPriority, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/**
 * The fields of a task, for adding one and for editing one in place. Errors from main come back per
 * field and are shown beside it; Escape cancels an edit.
 */
export function TaskForm({
  label,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  autoFocus = false,
  titleRef,
}: {
  label: string;
  initial: TaskDraft;
  submitLabel: string;
  onSubmit: (draft: TaskDraft) => Promise<Result<Task>>;
  onCancel?: () => void;
  autoFocus?: boolean;
  titleRef?: React.Ref<HTMLInputElement>;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [more, setMore] = useState(initial.notes !== '' || onCancel !== undefined);
  const id = useId();
  const set = (patch: Partial<TaskDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await onSubmit(draft);
    setBusy(false);
    if (result.ok) {
      setErrors({});
      if (!onCancel) setDraft({ ...emptyDraft, priority: draft.priority });
      return;
    }
    setErrors(result.error.fields ?? { form: `${result.error.message} ${result.error.fix}` });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  const error = (field: string) =>
    errors[field] ? (
      <span id={`${id}-${field}-error`} className="task-field-error">
        {errors[field]}
      </span>
    ) : null;
  const described = (field: string) =>
    errors[field] ? { 'aria-describedby': `${id}-${field}-error`, 'aria-invalid': true } : {};

  return (
    <form className="task-form" aria-label={label} onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <div className="task-form-row">
        <label className="visually-hidden" htmlFor={`${id}-title`}>
          Title
        </label>
        <input
          id={`${id}-title`}
          ref={titleRef}
          className="task-title-input"
          value={draft.title}
          maxLength={TITLE_MAX}
          placeholder="Add a task…"
          // Only where the user just asked for this form (Edit), never on page load.
          autoFocus={autoFocus}
          onChange={(e) => set({ title: e.target.value })}
          {...described('title')}
        />
        <label className="visually-hidden" htmlFor={`${id}-priority`}>
          Priority
        </label>
        <select
          id={`${id}-priority`}
          value={draft.priority}
          onChange={(e) => set({ priority: e.target.value as TaskPriority })}
        >
          {taskPriorities.map((p) => (
            <option key={p} value={p}>
              {priorityLabel[p]}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor={`${id}-due`}>
          Due date
        </label>
        <input
          id={`${id}-due`}
          type="date"
          value={draft.due}
          onChange={(e) => set({ due: e.target.value })}
          {...described('due')}
        />
        {/* Not `disabled` while saving: a disabled button drops focus to the page. */}
        <button type="submit" className="button" aria-disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
        {!more && (
          <button type="button" className="button button-quiet" onClick={() => setMore(true)}>
            Add notes
          </button>
        )}
      </div>
      {more && (
        <>
          <label className="visually-hidden" htmlFor={`${id}-notes`}>
            Notes
          </label>
          <textarea
            id={`${id}-notes`}
            className="task-notes-input"
            rows={2}
            value={draft.notes}
            maxLength={TASK_NOTES_MAX}
            placeholder="Notes"
            onChange={(e) => set({ notes: e.target.value })}
            {...described('notes')}
          />
        </>
      )}
      {error('title')}
      {error('due')}
      {error('priority')}
      {error('notes')}
      {errors.form && (
        <p className="task-field-error" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}
