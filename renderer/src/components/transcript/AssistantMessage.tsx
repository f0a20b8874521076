import type { Message } from '../../../../shared/domain/conversation';
import { answerText, hasAnyText } from '../../../../shared/domain/message-content';
import type { MessagePart } from '../../../../shared/domain/message-parts';
import { reasoningState } from '../../format/reasoning';
import { StreamingMarkdown } from '../../markdown/StreamingMarkdown';
import { useLiveReply } from '../../state/chat/use-streams';
import { useController } from '../../state/controller-context';
import { MessageActions } from './MessageActions';
import { NOT_SENT_LABEL, rowAttributes, type RowPlacement } from './message-row';
import { ReplyError } from './ReplyError';
import { ReplyMeta } from './ReplyMeta';
import { ReasoningBlock } from './ReasoningBlock';
import { ReplyProgress } from './ReplyProgress';
import { replySegments } from './reply-segments';
import { VersionSwitcher } from './VersionSwitcher';
import { ToolCallCard } from './tools/ToolCallCard';

/**
 * A reply's parts in order: reasoning as a Thinking block, answer text as markdown (only the last
 * segment grows while streaming), tool calls as cards holding their results.
 */
function ReplyParts({
  parts,
  streaming,
  since,
  replyId,
}: {
  parts: readonly MessagePart[];
  streaming: boolean;
  since: number | undefined;
  replyId: string;
}) {
  return replySegments(parts).map((segment) => {
    if (segment.kind === 'tool')
      return (
        <ToolCallCard
          key={segment.part.id}
          call={segment.part}
          result={segment.result}
          replyId={replyId}
          replyEnded={!streaming}
        />
      );
    if (segment.kind === 'reasoning') {
      const { part, isLast } = segment;
      return (
        <ReasoningBlock
          key={part.id}
          part={part}
          state={reasoningState(part, { streaming, isLast })}
          since={since}
        />
      );
    }
    if (segment.text.length === 0) return null;
    return (
      <StreamingMarkdown key={segment.key} text={segment.text} streaming={streaming && segment.isLast} />
    );
  });
}

/**
 * A reply. While it streams, its parts come from the one live reply store (repainted at most once a
 * frame); once it ends, from the saved message, which keeps partial parts when stopped or cut off.
 * Once ended its answer (never the reasoning) can be copied as markdown, and the last one regenerated.
 */
export function AssistantMessage({
  message,
  canRetry,
  canRegenerate,
  placement,
  versionsLocked,
}: {
  message: Message;
  canRetry: boolean;
  /** The last reply, finished or stopped, with nothing streaming: Regenerate keeps it as a version. */
  canRegenerate: boolean;
  placement: RowPlacement;
  versionsLocked: boolean;
}) {
  const controller = useController();
  const streaming = message.status === 'streaming';
  const live = useLiveReply(streaming ? message.id : undefined);
  // While it streams the live reply is the one copy (joined from chat.streams when this page opened
  // mid-reply); once it ended, the saved message.
  const parts = streaming && live ? live.parts : message.parts;
  const anyText = hasAnyText({ parts });
  const answer = streaming ? '' : answerText(message);
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
        <ReplyParts parts={parts} streaming={streaming} since={live?.startedAt} replyId={message.id} />
        {streaming && <ReplyProgress live={live} hasText={anyText} />}
        {message.status === 'cancelled' && <p className="badge">Stopped</p>}
        {message.status === 'incomplete' && (
          <p className="badge badge-warning">Incomplete — the reply was cut off</p>
        )}
        {unfinished && (
          <ReplyError
            error={message.error}
            onRetry={canRetry ? () => void controller.retryReply() : undefined}
            onContinue={
              canRetry && message.status === 'incomplete' && anyText
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
      <VersionSwitcher message={message} locked={versionsLocked || streaming} />
      {!streaming && (answer.length > 0 || canRegenerate) && (
        <MessageActions text={answer} label="Reply">
          {canRegenerate && (
            <button
              type="button"
              className="message-action"
              aria-label="Regenerate reply"
              title="Ask again for this reply; this one stays as an earlier version"
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
