import { useRef } from 'react';
import { cutNote, cutToFit } from '../../state/chat/attachment-checks';
import type { MeterFigures } from '../../state/chat/context-meter';
import { chipDetail, focusAfterRemoval, type DraftAttachment } from '../../state/chat/draft-attachments';
import { useController } from '../../state/controller-context';
import '../../styles/attachments.css';

interface Props {
  attachments: readonly DraftAttachment[];
  /** The preview's figures: when the draft is over budget, documents offer to be cut to fit. */
  figures: MeterFigures | undefined;
  /** Where focus goes when the last chip is removed. */
  focusMessageBox: () => void;
}

/**
 * The composer's pending attachments: a thumbnail or a document badge, the name, size or pages (or
 * "Reading…", or the reason it was refused), and Remove. When the draft does not fit the context,
 * each document offers "Cut to fit" — only its start is sent, and the chip says how much.
 */
export function AttachmentChips({ attachments, figures, focusMessageBox }: Props) {
  const controller = useController();
  const list = useRef<HTMLUListElement>(null);
  if (attachments.length === 0) return null;
  const overBudget = figures?.basis === 'preview' && figures.promptTokens > figures.budgetTokens;

  const remove = (id: string) => {
    const next = focusAfterRemoval(attachments, id);
    const button = next
      ? list.current?.querySelector<HTMLButtonElement>(`[data-chip="${next}"] .attachment-remove`)
      : null;
    if (button) button.focus();
    else focusMessageBox();
    controller.removeAttachment(id);
  };

  return (
    <ul ref={list} className="attachment-chips" aria-label="Attachments" aria-live="polite">
      {attachments.map((attachment) => {
        const part = attachment.status === 'ready' ? attachment.part : undefined;
        const file = part?.type === 'file' ? part : undefined;
        const note = file ? cutNote(file) : undefined;
        const plan = file && overBudget && figures ? cutToFit(file, figures) : undefined;
        const refused = attachment.status === 'refused';
        return (
          <li
            key={attachment.id}
            className="attachment-chip"
            data-chip={attachment.id}
            data-status={attachment.status}
            data-kind={attachment.kind}
          >
            {attachment.kind === 'image' && attachment.previewUrl ? (
              <img className="attachment-thumb" src={attachment.previewUrl} alt="" />
            ) : (
              <span className="attachment-badge" aria-hidden="true">
                {badgeOf(attachment)}
              </span>
            )}
            <span className="attachment-text">
              <span className="attachment-name" title={attachment.name}>
                {attachment.name}
              </span>
              <span className="attachment-detail" role={refused ? 'alert' : undefined}>
                {chipDetail(attachment)}
              </span>
              {note && <span className="attachment-note">{note}</span>}
              {file && overBudget && (
                <span className="attachment-fit">
                  {plan ? (
                    <button
                      type="button"
                      className="attachment-action"
                      onClick={() => controller.cutAttachment(attachment.id, plan.cutToChars)}
                    >
                      Cut to fit ({plan.percent}%)
                    </button>
                  ) : (
                    <span>Too big for the context even cut; remove it.</span>
                  )}
                </span>
              )}
              {note && (
                <button
                  type="button"
                  className="attachment-action"
                  onClick={() => controller.cutAttachment(attachment.id, undefined)}
                >
                  Send it whole
                </button>
              )}
            </span>
            <button
              type="button"
              className="icon-button attachment-remove"
              aria-label={`${refused ? 'Dismiss' : 'Remove'} ${attachment.name}`}
              title={refused ? 'Dismiss' : 'Remove'}
              onClick={() => remove(attachment.id)}
            >
              <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M6 6l12 12M18 6L6 18" />
              </svg>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** A document's kind in a few letters (PDF, CSV, MD…), from its format once read, else its name. */
function badgeOf(attachment: DraftAttachment): string {
  if (attachment.status === 'ready' && attachment.part.type === 'file') {
    const format = attachment.part.format;
    return format === 'markdown' ? 'MD' : format === 'text' ? 'TXT' : format.toUpperCase();
  }
  const extension = /\.([a-z0-9]{1,4})$/i.exec(attachment.name)?.[1];
  return (extension ?? (attachment.kind === 'image' ? 'IMG' : 'FILE')).toUpperCase();
}
