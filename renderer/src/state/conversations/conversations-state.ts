import type { ConversationSummary, Message } from '../../../../shared/domain/conversation';

export interface OpenConversation {
  id: string;
  messages: Message[];
}

/**
 * A message to bring into view (a search hit): the transcript scrolls to `messageId` once conversation
 * `conversationId` shows, once per `seq` (a new request for the same message has a new `seq`).
 */
export interface FocusMessageRequest {
  conversationId: string;
  messageId: string;
  seq: number;
}

/** The conversation list, which one is selected, and the open one's messages. */
export interface ConversationsState {
  conversations: ConversationSummary[];
  conversationsLoaded: boolean;
  selectedId: string | undefined;
  /** The selected conversation's messages, once loaded. */
  open: OpenConversation | undefined;
  /** Set by `openMessage` (a search hit); the transcript scrolls to and highlights it. */
  focusMessage: FocusMessageRequest | undefined;
  /**
   * The user asked for a new chat, which exists only here until its first message is sent (or a
   * backend or system prompt is set): no empty entry in the list. A reconnect or the tray window
   * being shown again keeps it rather than jump to another conversation.
   */
  draftingNew: boolean;
}

export const initialConversationsState: ConversationsState = {
  conversations: [],
  conversationsLoaded: false,
  selectedId: undefined,
  open: undefined,
  focusMessage: undefined,
  draftingNew: false,
};
