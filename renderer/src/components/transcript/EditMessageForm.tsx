import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useAutoGrowTextarea } from '../composer/use-auto-grow';

/**
 * Editing one of the user's earlier messages in place. Save & resend sends the new text; that
 * message and every later turn move to the trash (restorable as "<title> (earlier version)").
 * Enter saves, Shift+Enter adds a line, Escape cancels.
 */
export function EditMessageForm({
  draft,
  laterCount,
  blockedReason,
  onChange,
  onSave,
  onCancel,
}: {
  draft: string;
  /** Messages after this one, which the resend replaces. */
  laterCount: number;
  /** Why it cannot be sent now (a reply is streaming), or undefined. */
  blockedReason: string | undefined;
  onChange: (text: string) => void;
  onSave: (text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const textarea = useAutoGrowTextarea(draft);
  const noteId = useId();
  const reasonId = useId();
  const [saving, setSaving] = useState(false);
  const canSave = draft.trim().length > 0 && !blockedReason && !saving;
  const focused = useRef(false);

  useEffect(() => {
    if (focused.current) return;
    focused.current = true;
    const el = textarea.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, [textarea]);

  const save = async () => {
    if (!canSave) return;
    setSaving(true);
    try {
      await onSave(draft);
    } finally {
      setSaving(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  const replaced =
    laterCount === 0
      ? 'The original message moves to the trash'
      : `This message and the ${laterCount === 1 ? 'reply' : `${laterCount} messages`} after it move to the trash`;

  return (
    <form className="edit-message" onSubmit={onSubmit}>
      <textarea
        ref={textarea}
        className="edit-message-input"
        aria-label="Edit message"
        aria-describedby={blockedReason ? `${noteId} ${reasonId}` : noteId}
        rows={2}
        value={draft}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={noteId} className="edit-message-note">
        Saving sends the new text. {replaced}: restore {laterCount === 0 ? 'it' : 'them'} from there as an
        “(earlier version)” of this conversation until the trash is emptied. Enter to save · Shift+Enter for a
        new line · Escape to cancel.
      </p>
      {blockedReason && (
        <p id={reasonId} className="edit-message-blocked">
          {blockedReason}
        </p>
      )}
      <div className="edit-message-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={!canSave}>
          {saving ? 'Sending…' : 'Save & resend'}
        </button>
      </div>
    </form>
  );
}
