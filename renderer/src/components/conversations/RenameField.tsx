import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { TITLE_MAX } from '../../../../shared/contract/limits';
import type { ConversationSummary } from '../../../../shared/domain/conversation';
import { useController } from '../../state/controller-context';

interface Props {
  conversation: ConversationSummary;
  /** `saved`: the title changed; either way focus goes back to the row. */
  onDone: (saved: boolean) => void;
}

/**
 * Renames a conversation in place: Enter saves, Escape cancels, leaving the field saves a change.
 * A refusal from the host is shown at the field, which stays open.
 */
export function RenameField({ conversation, onDone }: Props) {
  const { library } = useController();
  const original = conversation.title || 'New chat';
  const [value, setValue] = useState(original);
  const [error, setError] = useState<string>();
  const saving = useRef(false);
  const finished = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const finish = (saved: boolean) => {
    if (finished.current) return;
    finished.current = true;
    onDone(saved);
  };

  const save = async () => {
    if (saving.current || finished.current) return;
    const title = value.replace(/\s+/g, ' ').trim();
    if (title === original) return finish(false);
    if (title === '') {
      setError('The title is empty.');
      return;
    }
    saving.current = true;
    const renamed = await library.rename(conversation.id, title);
    saving.current = false;
    if (renamed.ok) return finish(true);
    setError(renamed.error.fields?.title ?? `${renamed.error.message} ${renamed.error.fix}`);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The list's keys (arrows, Delete, F2) are for rows, not for this field.
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(false);
    }
  };

  return (
    <div className="rename">
      <input
        ref={input}
        className="rename-input"
        aria-label={`New title for “${original}”`}
        value={value}
        maxLength={TITLE_MAX}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? errorId : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setError(undefined);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Leaving the field keeps a change (unless it was refused: then the field and its reason stay).
          if (error === undefined) void save();
        }}
      />
      {error !== undefined && (
        <p id={errorId} className="rename-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
