import type { FilePart, ImagePart } from '../../../shared/domain/message-parts';

/**
 * How chat reads stored attachments when it builds a request: an image as a base64 data URL (every
 * backend kind takes those; Ollama refuses http URLs), a document as its extracted text. Either
 * throws when the attachment is not stored. The blob store provides the implementation.
 */
export interface AttachmentReader {
  imageDataUrl(part: ImagePart): Promise<string> | string;
  documentText(part: FilePart): Promise<string> | string;
}
