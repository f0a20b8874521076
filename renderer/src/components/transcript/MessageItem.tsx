import { memo, useMemo } from 'react';
import type { Message } from '../../../../shared/index';
import type { AttachmentPart } from '../../../../shared/domain/message-parts';
import { AssistantMessage } from './AssistantMessage';
import { LeftOutDivider } from './LeftOutDivider';
import type { RowPlacement } from './message-row';
import { UserMessage } from './UserMessage';

export interface MessageItemProps {
  message: Message;
  canRetry: boolean;
  canRegenerate: boolean;
  position: number;
  total: number;
  omitted: boolean;
  highlighted: boolean;
  /** On the oldest message the last request sent, when it left earlier ones out: how many, and the context. */
  leftOutCount: number;
  contextLength: number;
  /** While this message is being edited. */
  editDraft: string | undefined;
  editAttachments: readonly AttachmentPart[] | undefined;
  laterCount: number;
  editBlockedReason: string | undefined;
  /** A reply streams (or a message is being sent): versions cannot be switched. */
  versionsLocked: boolean;
}

/**
 * One row of the transcript; memoised on primitives, so a new or finished reply (or a scroll of the
 * virtualised list) does not re-render the history.
 */
export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  const { message, position, total, omitted, highlighted } = props;
  const placement = useMemo<RowPlacement>(
    () => ({ position, total, omitted, highlighted }),
    [position, total, omitted, highlighted],
  );
  if (message.role === 'system') return null; // Configuration, shown in its own bar above.
  return (
    <>
      {props.leftOutCount > 0 && (
        <LeftOutDivider count={props.leftOutCount} contextLength={props.contextLength} />
      )}
      {message.role === 'user' ? (
        <UserMessage
          message={message}
          placement={placement}
          editDraft={props.editDraft}
          editAttachments={props.editAttachments}
          laterCount={props.laterCount}
          blockedReason={props.editBlockedReason}
          versionsLocked={props.versionsLocked}
        />
      ) : (
        <AssistantMessage
          message={message}
          canRetry={props.canRetry}
          canRegenerate={props.canRegenerate}
          placement={placement}
          versionsLocked={props.versionsLocked}
        />
      )}
    </>
  );
});
