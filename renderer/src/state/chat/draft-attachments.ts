import type { AttachmentPart } from '../../../../shared/domain/message-parts';

/**
 * The composer's pending attachments, one chip each: being read (images are processed in the
 * window, then stored by main), ready (main answered the part), or refused (with the reason, until
 * dismissed). Pure functions over the list; `DraftAttachmentsController` runs them on the store.
 */
interface DraftBase {
  /** Local id of the chip (not the part's: a refused file has no part). */
  id: string;
  name: string;
  /** Bytes as picked (a ready image shows its stored size instead). */
  size: number;
  kind: 'image' | 'file';
  /** An object URL of the processed image, for the thumbnail; revoked when the chip goes. */
  previewUrl?: string;
}

export type DraftAttachment =
  | (DraftBase & { status: 'reading' })
  | (DraftBase & { status: 'ready'; part: AttachmentPart })
  | (DraftBase & { status: 'refused'; reason: string });

export function readyParts(list: readonly DraftAttachment[]): AttachmentPart[] {
  return list.flatMap((a) => (a.status === 'ready' ? [a.part] : []));
}

export function isReading(list: readonly DraftAttachment[]): boolean {
  return list.some((a) => a.status === 'reading');
}

/** Chips that count towards the per-message limit (refused ones do not: they will not be sent). */
export function countedAttachments(list: readonly DraftAttachment[]): number {
  return list.filter((a) => a.status !== 'refused').length;
}

export function replaceAttachment(
  list: readonly DraftAttachment[],
  id: string,
  next: DraftAttachment,
): DraftAttachment[] {
  return list.map((a) => (a.id === id ? next : a));
}

export function withoutAttachment(list: readonly DraftAttachment[], id: string): DraftAttachment[] {
  return list.filter((a) => a.id !== id);
}

/** After a send: the chips that went are gone, any added meanwhile stay. */
export function withoutSent(
  list: readonly DraftAttachment[],
  sent: readonly AttachmentPart[],
): DraftAttachment[] {
  const ids = new Set(sent.map((p) => p.id));
  return list.filter((a) => a.status !== 'ready' || !ids.has(a.part.id));
}

/** Where focus goes when a chip is removed: the next chip, else the previous one, else the message box. */
export function focusAfterRemoval(list: readonly DraftAttachment[], id: string): string | undefined {
  const index = list.findIndex((a) => a.id === id);
  if (index === -1) return undefined;
  return (list[index + 1] ?? list[index - 1])?.id;
}

const sizes = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** "812 KB", "3.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${sizes.format(bytes / 1024)} KB`;
  return `${sizes.format(bytes / (1024 * 1024))} MB`;
}

/** What a chip says under its name: size, pages, and whether only part of it will be sent. */
export function chipDetail(attachment: DraftAttachment): string {
  if (attachment.status === 'reading') return attachment.kind === 'image' ? 'Preparing…' : 'Reading…';
  if (attachment.status === 'refused') return attachment.reason;
  const part = attachment.part;
  const bits = [formatSize(part.size)];
  if (part.type === 'image') bits.push(`${part.width}×${part.height}`);
  if (part.type === 'file' && part.pages !== undefined)
    bits.push(part.pages === 1 ? '1 page' : `${part.pages} pages`);
  return bits.join(' · ');
}
