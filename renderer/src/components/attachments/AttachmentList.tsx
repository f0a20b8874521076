import { useEffect, useRef } from 'react';
import type { AttachmentPart } from '../../../../shared/domain/message-parts';
import '../../styles/attachment-view.css';
import { FileChip } from './FileChip';
import { ImageThumbnail } from './ImageThumbnail';

/**
 * A sent message's images (thumbnails) and documents (chips), in the order attached. With
 * `onRemove` (editing the message) each has a Remove button; focus then moves to the next one's,
 * or to `afterLast` when none is left, so it is never lost.
 */
export function AttachmentList({
  parts,
  onRemove,
  afterLast,
}: {
  parts: readonly AttachmentPart[];
  onRemove?: (partId: string) => void;
  afterLast?: () => void;
}) {
  const list = useRef<HTMLUListElement>(null);
  const removedAt = useRef<number | undefined>(undefined);

  useEffect(() => {
    const index = removedAt.current;
    if (index === undefined) return;
    removedAt.current = undefined;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('.sent-attachment-remove');
    const next = buttons?.[Math.min(index, buttons.length - 1)];
    if (next) next.focus();
    else afterLast?.();
  }, [parts, afterLast]);

  if (parts.length === 0) return null;
  return (
    <ul
      ref={list}
      className="sent-attachments"
      aria-label={parts.length === 1 ? 'Attachment' : `${parts.length} attachments`}
    >
      {parts.map((part, index) => (
        <li key={part.id} className={`sent-attachment sent-attachment-${part.type}`}>
          {part.type === 'image' ? <ImageThumbnail part={part} /> : <FileChip part={part} />}
          {onRemove && (
            <button
              type="button"
              className="sent-attachment-remove"
              aria-label={`Remove ${part.name}`}
              title="Remove: the message is sent again without it"
              onClick={() => {
                removedAt.current = index;
                onRemove(part.id);
              }}
            >
              <span aria-hidden="true">×</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
