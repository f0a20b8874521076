import { userError } from '../../../shared/domain/errors';
import { quoted } from '../../../shared/domain/excerpt';
import type { AttachmentPart, FilePart, ImagePart } from '../../../shared/domain/message-parts';
import { AppError } from '../app-error';
import type { BlobStore } from './blob-store';
import { sniffImage } from './image-header';

/**
 * What a request builder needs of stored attachments: an image as a `data:` URL (Ollama refuses
 * http URLs) and a document's extracted text. Passed to chat as a dependency.
 */
export interface AttachmentReader {
  imageDataUrl(part: ImagePart): Promise<string> | string;
  /** The whole extracted text; cutting it to `cutToChars` (and saying so) is the request's job. */
  documentText(part: FilePart): Promise<string> | string;
}

export function attachmentReader(blobs: BlobStore): AttachmentReader {
  return {
    imageDataUrl: (part) => {
      const url = storedImageDataUrl(blobs, part.hash);
      if (url === undefined) throw notStored(part.name);
      return url;
    },
    documentText: (part) => readDocumentText(blobs, part.textHash, part.name),
  };
}

/** The parts whose stored bytes are gone (a stale or crafted part): a send should refuse them. */
export function missingAttachments(blobs: BlobStore, parts: readonly AttachmentPart[]): AttachmentPart[] {
  return parts.filter((p) => !blobs.has(p.hash) || (p.type === 'file' && !blobs.has(p.textHash)));
}

/** A stored image as a data URL with its real type; undefined when that hash holds no image. */
export function storedImageDataUrl(blobs: BlobStore, hash: string): string | undefined {
  const bytes = readAttachment(blobs, hash);
  const type = bytes && sniffImage(bytes);
  return bytes && type ? `data:${type};base64,${bytes.toString('base64')}` : undefined;
}

/** The stored bytes of an attachment, or undefined when nothing is stored under that hash. */
export function readAttachment(blobs: BlobStore, hash: string): Buffer | undefined {
  return blobs.read(hash);
}

export function readDocumentText(blobs: BlobStore, textHash: string, name = 'the document'): string {
  const bytes = readAttachment(blobs, textHash);
  if (!bytes) throw notStored(name);
  return bytes.toString('utf8');
}

export const notStored = (name: string): AppError =>
  new AppError(
    userError(
      'not-found',
      `The attachment ${quoted(name)} is no longer stored in the data folder.`,
      'Remove it and attach the file again.',
    ),
  );
