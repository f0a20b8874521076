import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useActiveStream } from '../../state/chat/use-streams';
import { useAppState, useController } from '../../state/controller-context';
import { ContextMeter } from './ContextMeter';
import { useAutoGrowTextarea } from './use-auto-grow';

/**
 * The message box. Enter sends, Shift+Enter adds a line, Escape stops a streaming reply. Send is
 * disabled while empty or while a reply streams; Stop appears while one does. Under it, how full
 * the model's context would be with this message.
 */
export function Composer() {
  const controller = useController();
  const selectedId = useAppState((s) => s.selectedId);
  const sending = useAppState((s) => s.sending);
  const focusRequest = useAppState((s) => s.composerFocus);
  const streaming = useActiveStream(selectedId) !== undefined;
  const [draft, setDraft] = useState('');
  const textarea = useAutoGrowTextarea(draft);

  useEffect(() => {
    textarea.current?.focus();
  }, [focusRequest, textarea]);

  const canSend = draft.trim().length > 0 && !streaming && !sending;

  const submit = () => {
    if (!canSend) return;
    setDraft('');
    void controller.send(draft);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // While an input method is composing, Enter confirms the composition, not the message.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && streaming) {
      event.preventDefault();
      void controller.stop();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-box">
        <textarea
          ref={textarea}
          className="composer-input"
          aria-label="Message"
          aria-describedby="composer-hint"
          placeholder="Message your model…"
          rows={1}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="composer-actions">
          {streaming && (
            <button type="button" className="button button-stop" onClick={() => void controller.stop()}>
              Stop
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={!canSend}>
            Send
          </button>
        </div>
      </div>
      <ContextMeter draft={draft} />
      <p id="composer-hint" className="composer-hint">
        Enter to send · Shift+Enter for a new line{streaming ? ' · Escape to stop' : ''}
      </p>
    </form>
  );
}
