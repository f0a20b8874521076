/** The chat's own state; the replies themselves live in `LiveReplyStore`, outside React state. */
export interface ChatState {
  /** Between pressing Send and the host accepting the message. */
  sending: boolean;
}

export const initialChatState: ChatState = { sending: false };
