import { memo } from 'react';
import type { ConversationSummary } from '../../../../shared/index';
import { fullTime, relativeTime } from '../../format/relative-time';

interface Props {
  conversation: ConversationSummary;
  current: boolean;
  now: number;
  onSelect: (id: string) => void;
  onDelete: (conversation: ConversationSummary) => void;
}

/** One row of the list: open it, or ask to delete it. */
export const ConversationItem = memo(function ConversationItem({
  conversation,
  current,
  now,
  onSelect,
  onDelete,
}: Props) {
  const title = conversation.title || 'New chat';
  return (
    <li className="conversation" data-current={current || undefined}>
      <button
        type="button"
        className="conversation-open"
        aria-current={current ? 'page' : undefined}
        data-conversation-id={conversation.id}
        onClick={() => onSelect(conversation.id)}
      >
        <span className="conversation-title">{title}</span>
        <time
          className="conversation-time"
          dateTime={new Date(conversation.updatedAt).toISOString()}
          title={fullTime(conversation.updatedAt)}
        >
          {relativeTime(conversation.updatedAt, now)}
        </time>
      </button>
      <button
        type="button"
        className="conversation-delete icon-button"
        aria-label={`Delete “${title}”`}
        title="Delete"
        onClick={() => onDelete(conversation)}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M6 2h4m-7 2h10m-1 0-.6 9a1 1 0 0 1-1 1H5.6a1 1 0 0 1-1-1L4 4m2.5 2.5v5m3-5v5" />
        </svg>
      </button>
    </li>
  );
});
