import type { Message } from '../../../../shared/domain/conversation';
import { StreamingMarkdown } from '../../markdown/StreamingMarkdown';
import { useController, useLiveReply } from '../../state/controller-context';
import { ReplyError } from './ReplyError';
import { ReplyMeta } from './ReplyMeta';
import { ReplyProgress } from './ReplyProgress';

/**
 * A reply. While it streams, its text comes from the live stream store (repainted at most once a
 * frame); once it ends, from the saved message, which keeps partial text when stopped or cut off.
 */
export function AssistantMessage({ message, canRetry }: { message: Message; canRetry: boolean }) {
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
      <ReplyMeta
        profileName={message.profileName || live?.profileName || undefined}
        model={message.model || live?.model || undefined}
        usage={message.usage}
        ended={streaming ? undefined : message}
      />
    </article>
  );
}
