/** The chat's own state; the replies themselves stream through `StreamStore`, outside React state. */
export interface ChatState {
  /** Between pressing Send and the host accepting the message. */
  sending: boolean;
}

export const initialChatState: ChatState = { sending: false };
