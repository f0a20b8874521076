import type { Message } from '../../../../shared/domain/conversation';
import type { AppState } from '../app-state';
import type { Store } from '../core/create-store';

/** Edits the open conversation's messages, only while `conversationId` is the one open. */
export function editOpenMessages(
  store: Store<AppState>,
  conversationId: string,
  edit: (messages: Message[]) => Message[],
): void {
  store.setState((state) =>
    state.open?.id === conversationId
      ? { open: { id: conversationId, messages: edit(state.open.messages) } }
      : {},
  );
}
