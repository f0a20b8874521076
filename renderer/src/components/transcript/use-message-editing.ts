import { useMemo, useState } from 'react';
import type { AttachmentPart } from '../../../../shared/domain/message-parts';
import { useController } from '../../state/controller-context';
import type { TranscriptActions } from './transcript-actions';

export interface Editing {
  messageId: string;
  draft: string;
  /** The attachments the edited message keeps (the user may remove some). */
  attachments: readonly AttachmentPart[];
}

/** The one message being edited in the open conversation, and the actions rows use to edit it. */
export function useMessageEditing(conversationId: string | undefined) {
  const controller = useController();
  const [editing, setEditing] = useState<(Editing & { conversationId: string | undefined }) | undefined>();

  const actions = useMemo<TranscriptActions>(
    () => ({
      startEdit: (messageId, text, attachments) =>
        setEditing({ conversationId, messageId, draft: text, attachments }),
      changeDraft: (draft) => setEditing((current) => (current ? { ...current, draft } : current)),
      removeAttachment: (partId) =>
        setEditing((current) =>
          current ? { ...current, attachments: current.attachments.filter((p) => p.id !== partId) } : current,
        ),
      cancelEdit: () => setEditing(undefined),
      saveEdit: async (messageId, text, attachments) => {
        const sent = await controller.editAndResend(messageId, text, attachments);
        if (sent) setEditing((current) => (current?.messageId === messageId ? undefined : current));
      },
    }),
    [controller, conversationId],
  );

  // An edit belongs to its conversation: it is hidden while another one shows (and back when it returns).
  const current = editing?.conversationId === conversationId ? editing : undefined;

  return { editing: current, actions };
}
