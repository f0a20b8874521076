import { useCallback, type KeyboardEvent } from 'react';
import type { ConversationSummary } from '../../../../shared/index';
import { useAppState, useController } from '../../state/controller-context';
import { useNow } from '../../state/use-now';
import { ConversationItem } from './ConversationItem';
import { moveFocusInList } from './list-keys';

/** The saved conversations, newest first. Delete on a focused row asks to delete it. */
export function ConversationList({ onDelete }: { onDelete: (conversation: ConversationSummary) => void }) {
  const controller = useController();
  const conversations = useAppState((s) => s.conversations);
  const loaded = useAppState((s) => s.conversationsLoaded);
  const selectedId = useAppState((s) => s.selectedId);
  const now = useNow(30_000);
  const onSelect = useCallback((id: string) => void controller.select(id), [controller]);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (moveFocusInList(event)) return;
    if (event.key === 'Delete') {
      const id = (event.target as HTMLElement)
        .closest('.conversation')
        ?.querySelector<HTMLElement>('[data-conversation-id]')?.dataset.conversationId;
      const conversation = conversations.find((c) => c.id === id);
      if (conversation) {
        event.preventDefault();
        onDelete(conversation);
      }
    }
  };

  if (loaded && conversations.length === 0)
    return <p className="conversation-empty">No conversations yet.</p>;
  return (
    <ul className="conversation-list" onKeyDown={onKeyDown}>
      {conversations.map((conversation) => (
        <ConversationItem
          key={conversation.id}
          conversation={conversation}
          current={conversation.id === selectedId}
          now={now}
          onSelect={onSelect}
          onDelete={onDelete}
        />
      ))}
    </ul>
  );
}
