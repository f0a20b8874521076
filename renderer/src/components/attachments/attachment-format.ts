import type { documentFormats } from '../../../../shared/domain/attachment-limits';
import type { AttachmentPart, FilePart, ImagePart } from '../../../../shared/domain/message-parts';

/**
 * How a sent attachment is described and laid out: pure, so the chips, the thumbnails, the
 * transcript's row-height guess and their tests agree on the same words and sizes.
 */

const count = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** "512 bytes", "14 KB", "1.2 MB" (1,024-based, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${count.format(bytes)} bytes`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? oneDecimal.format(kb) : count.format(Math.round(kb))} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? oneDecimal.format(mb) : count.format(Math.round(mb))} MB`;
}

type DocumentFormat = (typeof documentFormats)[number];

const formatNames: Record<DocumentFormat, string> = {
  text: 'Text',
  markdown: 'Markdown',
  code: 'Code',
  csv: 'CSV',
  json: 'JSON',
  pdf: 'PDF',
};

export function documentFormatName(format: DocumentFormat): string {
  return formatNames[format];
}

/** The facts under a document's name: format, pages (PDF) and size, e.g. ["PDF", "3 pages", "1.2 MB"]. */
export function fileDetails(part: FilePart): string[] {
  const pages =
    part.pages === undefined ? [] : [part.pages === 1 ? '1 page' : `${count.format(part.pages)} pages`];
  return [documentFormatName(part.format), ...pages, formatBytes(part.size)];
}

/** Said on a document the user chose to send only the start of; undefined when it went whole. */
export function cutNote(part: FilePart): string | undefined {
  if (part.cutToChars === undefined || part.cutToChars >= part.textChars) return undefined;
  return `Cut to ${count.format(part.cutToChars)} of ${count.format(part.textChars)} characters`;
}

/** A chip's accessible name: everything it shows, in reading order. */
export function fileChipName(part: FilePart): string {
  const cut = cutNote(part);
  return [part.name, ...fileDetails(part), ...(cut ? [cut.toLowerCase()] : [])].join(', ');
}

/** "1568 × 1045 · 230 KB": the larger view's caption. */
export function imageDetails(part: ImagePart): string {
  return `${part.width} × ${part.height} · ${formatBytes(part.size)}`;
}

export interface Size {
  width: number;
  height: number;
}

/** The box a thumbnail fits in: the image keeps its proportions and is never enlarged. */
export const THUMBNAIL_BOX: Size = { width: 200, height: 150 };
/** A document chip's height, and the gap between attachments (as in attachment-view.css). */
export const CHIP_HEIGHT = 48;
export const ATTACHMENT_GAP = 8;

/** The size an image is shown at inside `box`: proportions kept, at least 1 px, never larger than it is. */
export function fitInside(image: Size, box: Size): Size {
  const scale = Math.min(1, box.width / image.width, box.height / image.height);
  return {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
  };
}

/**
 * The height a message's attachments take above its text, for the transcript's guess before a row
 * is measured: thumbnails share one wrapping row (counted as one row per three), chips stack.
 */
export function attachmentsHeight(parts: readonly AttachmentPart[]): number {
  if (parts.length === 0) return 0;
  const images = parts.filter((p): p is ImagePart => p.type === 'image');
  const files = parts.length - images.length;
  let height = 0;
  for (let i = 0; i < images.length; i += 3) {
    const row = images.slice(i, i + 3).map((p) => fitInside(p, THUMBNAIL_BOX).height);
    height += Math.max(...row) + ATTACHMENT_GAP;
  }
  return height + files * (CHIP_HEIGHT + ATTACHMENT_GAP);
}
