import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AttachmentPart } from '../../../../shared/domain/message-parts';
import { AttachmentList } from '../attachments/AttachmentList';
import { useAutoGrowTextarea } from '../composer/use-auto-grow';

/**
 * Editing one of the user's earlier messages in place, with the attachments it carries (each
 * removable). Save & resend sends the new text with the attachments kept; that message and every
 * later turn stay as the turn's earlier version (‹ 1/2 › on the new message switches back).
 * Enter saves, Shift+Enter adds a line, Escape cancels.
 */
export function EditMessageForm({
  draft,
  attachments,
  laterCount,
  blockedReason,
  onChange,
  onRemoveAttachment,
  onSave,
  onCancel,
}: {
  draft: string;
  attachments: readonly AttachmentPart[];
  /** Messages after this one, which the resend replaces. */
  laterCount: number;
  /** Why it cannot be sent now (a reply is streaming), or undefined. */
  blockedReason: string | undefined;
  onChange: (text: string) => void;
  onRemoveAttachment: (partId: string) => void;
  onSave: (text: string, attachments: readonly AttachmentPart[]) => Promise<void>;
  onCancel: () => void;
}) {
  const textarea = useAutoGrowTextarea(draft);
  const noteId = useId();
  const reasonId = useId();
  const [saving, setSaving] = useState(false);
  // A message may be attachments alone, but not nothing at all.
  const canSave = (draft.trim().length > 0 || attachments.length > 0) && !blockedReason && !saving;
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
      await onSave(draft, attachments);
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
      ? 'The original message stays as version 1'
      : `This message and the ${laterCount === 1 ? 'reply' : `${laterCount} messages`} after it stay as an earlier version`;

  // The last attachment removed: focus goes back to the text.
  const focusText = useCallback(() => textarea.current?.focus(), [textarea]);

  return (
    <form className="edit-message" onSubmit={onSubmit}>
      <AttachmentList parts={attachments} onRemove={onRemoveAttachment} afterLast={focusText} />
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
        Saving sends the new text{attachments.length > 0 ? ' with the attachments shown' : ''}. {replaced}:
        switch back with ‹ › on your message. Enter to save · Shift+Enter for a new line · Escape to cancel.
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
