import type { Message } from '../../../../shared/domain/conversation';
import { StreamingMarkdown } from '../../markdown/StreamingMarkdown';
import { useLiveReply } from '../../state/chat/use-streams';
import { useController } from '../../state/controller-context';
import { MessageActions } from './MessageActions';
import { NOT_SENT_LABEL, rowAttributes, type RowPlacement } from './message-row';
import { ReplyError } from './ReplyError';
import { ReplyMeta } from './ReplyMeta';
import { ReplyProgress } from './ReplyProgress';

/**
 * A reply. While it streams, its text comes from the live stream store (repainted at most once a
 * frame); once it ends, from the saved message, which keeps partial text when stopped or cut off.
 * Once ended it can be copied as markdown, and the last one regenerated.
 */
export function AssistantMessage({
  message,
  canRetry,
  canRegenerate,
  placement,
}: {
  message: Message;
  canRetry: boolean;
  /** The last reply, finished or stopped, with nothing streaming: Regenerate replaces it. */
  canRegenerate: boolean;
  placement: RowPlacement;
}) {
  const controller = useController();
  const streaming = message.status === 'streaming';
  const live = useLiveReply(streaming ? message.id : undefined);
  // The live text is the whole reply when this page saw it start; a saved checkpoint can only be shorter.
  const text = live && live.text.length >= message.content.length ? live.text : message.content;
  const unfinished = message.status === 'failed' || message.status === 'incomplete';

  return (
    <article
      className="message message-assistant"
      data-role="assistant"
      data-status={message.status}
      aria-label="Assistant"
      aria-busy={streaming || undefined}
      {...rowAttributes(message, placement)}
    >
      <div className="message-body">
        {text.length > 0 && <StreamingMarkdown text={text} streaming={streaming} />}
        {streaming && <ReplyProgress live={live} hasText={text.length > 0} />}
        {message.status === 'cancelled' && <p className="badge">Stopped</p>}
        {message.status === 'incomplete' && (
          <p className="badge badge-warning">Incomplete — the reply was cut off</p>
        )}
        {unfinished && (
          <ReplyError
            error={message.error}
            onRetry={canRetry ? () => void controller.retryReply() : undefined}
            onContinue={
              canRetry && message.status === 'incomplete' && text.length > 0
                ? () => void controller.continueReply()
                : undefined
            }
          />
        )}
      </div>
      {placement.omitted && <span className="visually-hidden">{NOT_SENT_LABEL}</span>}
      <ReplyMeta
        profileName={message.profileName || live?.profileName || undefined}
        model={message.model || live?.model || undefined}
        usage={message.usage}
        ended={streaming ? undefined : message}
      />
      {!streaming && message.content.length > 0 && (
        <MessageActions text={message.content} label="Reply">
          {canRegenerate && (
            <button
              type="button"
              className="message-action"
              aria-label="Regenerate reply"
              title="Ask again for this reply; the new one replaces it"
              onClick={() => {
                void controller.retryReply();
                // This reply (and the button) goes away: focus waits in the message box.
                controller.focusComposer();
              }}
            >
              Regenerate
            </button>
          )}
        </MessageActions>
      )}
    </article>
  );
}
