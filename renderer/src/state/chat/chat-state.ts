import type { DraftAttachment } from './draft-attachments';

/** The chat's own state; the replies themselves live in `LiveReplyStore`, outside React state. */
export interface ChatState {
  /** Between pressing Send and the host accepting the message. */
  sending: boolean;
  /** What is typed in this window's composer (kept here so a failed send leaves it in place). */
  draftText: string;
  /** The composer's attachment chips, in the order added. */
  draftAttachments: readonly DraftAttachment[];
}

export const initialChatState: ChatState = { sending: false, draftText: '', draftAttachments: [] };
