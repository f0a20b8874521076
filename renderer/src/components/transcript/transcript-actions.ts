import { createContext, useContext } from 'react';
import type { AttachmentPart } from '../../../../shared/domain/message-parts';

/**
 * What a row can ask of the transcript around it: editing a message keeps its draft in the
 * transcript, not in the row, because a virtualised row unmounts when scrolled out of view.
 * The value is stable, so memoised rows do not re-render when it is read.
 */
export interface TranscriptActions {
  /** Opens a message for editing with its text and the attachments it carries. */
  startEdit(messageId: string, text: string, attachments: readonly AttachmentPart[]): void;
  changeDraft(text: string): void;
  /** Leaves one attachment out of the edited message. */
  removeAttachment(partId: string): void;
  cancelEdit(): void;
  /** Sends the edit; resolves once the host answered (the row stays in edit mode when it failed). */
  saveEdit(messageId: string, text: string, attachments: readonly AttachmentPart[]): Promise<void>;
}

export const TranscriptActionsContext = createContext<TranscriptActions | undefined>(undefined);

export function useTranscriptActions(): TranscriptActions {
  const actions = useContext(TranscriptActionsContext);
  if (!actions) throw new Error('useTranscriptActions needs a TranscriptActionsContext provider.');
  return actions;
}
