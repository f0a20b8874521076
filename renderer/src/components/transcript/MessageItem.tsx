import { memo } from 'react';
import type { Message } from '../../../../shared/index';
import { AssistantMessage } from './AssistantMessage';
import { UserMessage } from './UserMessage';

/** One message of the transcript; memoised so a new or finished reply does not re-render the history. */
export const MessageItem = memo(function MessageItem({
  message,
  canRetry,
}: {
  message: Message;
  canRetry: boolean;
}) {
  if (message.role === 'user') return <UserMessage message={message} />;
  if (message.role === 'assistant') return <AssistantMessage message={message} canRetry={canRetry} />;
  return null; // System prompts are configuration, not conversation.
});
