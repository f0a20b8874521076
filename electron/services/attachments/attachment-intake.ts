import { randomUUID } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_NAME_MAX } from '../../../shared/domain/attachment-limits';
import { revealBidiControls } from '../../../shared/domain/bidi-controls';
import { userError } from '../../../shared/domain/errors';
import { quoted } from '../../../shared/domain/excerpt';
import type { AttachmentPart, FilePart, ImagePart } from '../../../shared/domain/message-parts';
import { AppError } from '../app-error';
import type { BlobStore } from './blob-store';
import { decodeText, formatMimeTypes, textFormat } from './document-text';
import { imageSize, otherImageKind, sniffImage } from './image-header';
import { PDF_PAGES_MAX, PDF_READ_MS, readPdfText, type PdfText } from './pdf-text';

export interface AttachmentInput {
  name: string;
  mimeType: string;
  dataBase64: string;
}

export interface IntakeOptions {
  newId?: () => string;
  readPdf?: (bytes: Uint8Array) => Promise<PdfText>;
}

const WHAT_CAN_BE_ATTACHED =
  'images (PNG, JPEG, WebP, GIF), PDF, and text files (text, Markdown, code, CSV, JSON)';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const IMAGE_NAME = /\.(png|jpe?g|webp|gif)$/i;

/**
 * `attachments.add`: decodes what the window sent, tells its type by its bytes (never by its name or
 * declared type), checks it, reads a document's text, and only then stores it (the original bytes
 * and, for a document, its text as UTF-8) and answers the part. A refusal stores nothing and says why
 * and what to do, naming the file.
 */
export async function addAttachment(
  blobs: BlobStore,
  input: AttachmentInput,
  options: IntakeOptions = {},
): Promise<AttachmentPart> {
  const name = displayName(input.name);
  const bytes = decodeBase64(input.dataBase64, name);
  const id = options.newId?.() ?? `a-${randomUUID()}`;

  const image = sniffImage(bytes);
  if (image) {
    const size = imageSize(bytes, image);
    if (!size) throw corruptImage(name);
    const part: ImagePart = {
      type: 'image',
      id,
      hash: blobs.put(bytes),
      name,
      size: bytes.length,
      mimeType: image,
      ...size,
    };
    return part;
  }
  const otherImage = otherImageKind(bytes);
  if (otherImage) {
    throw refused(
      `${quoted(name)} is a ${otherImage} image, which cannot be attached: only ${WHAT_CAN_BE_ATTACHED}.`,
      'Save it as PNG or JPEG (or paste it from an image viewer), then attach it.',
    );
  }
  if (bytes.subarray(0, 1024).includes('%PDF-')) return addPdf(blobs, bytes, name, id, options);
  if (input.mimeType.toLowerCase().startsWith('image/') && !/svg/i.test(input.mimeType))
    throw corruptImage(name);
  if (IMAGE_NAME.test(name)) throw corruptImage(name);

  const text = decodeText(bytes);
  if (text === undefined) {
    throw refused(
      `${quoted(name)} is not a type that can be attached: ${WHAT_CAN_BE_ATTACHED}.`,
      'Convert it to one of these (for example, save a Word document as PDF), or paste its text.',
    );
  }
  if (text.trim() === '')
    throw refused(`${quoted(name)} has no text in it.`, 'Attach a file with something in it.');
  const format = textFormat(name);
  return storeDocument(blobs, bytes, text, {
    type: 'file',
    id,
    name,
    size: bytes.length,
    mimeType: formatMimeTypes[format],
    format,
  });
}

async function addPdf(
  blobs: BlobStore,
  bytes: Buffer,
  name: string,
  id: string,
  options: IntakeOptions,
): Promise<FilePart> {
  const read = await (options.readPdf ?? readPdfText)(bytes);
  switch (read.kind) {
    case 'ok':
      return storeDocument(blobs, bytes, read.text, {
        type: 'file',
        id,
        name,
        size: bytes.length,
        mimeType: 'application/pdf',
        format: 'pdf',
        pages: read.pages,
      });
    case 'no-text':
      throw refused(
        `This PDF has no text layer (it is probably scanned): ${quoted(name)}.`,
        'Vision models can read an image of a page instead; or run OCR first.',
      );
    case 'password':
      throw refused(
        `${quoted(name)} is protected by a password, so its text cannot be read.`,
        'Save a copy without the password (for example, print it to PDF), then attach that.',
      );
    case 'too-many-pages':
      throw refused(
        `${quoted(name)} has ${read.pages.toLocaleString('en-US')} pages; at most ${PDF_PAGES_MAX.toLocaleString('en-US')} can be read.`,
        'Attach the pages you need as a smaller PDF.',
      );
    case 'too-slow':
      throw refused(
        `Reading ${quoted(name)} took longer than ${PDF_READ_MS / 1000} s, so it was stopped.`,
        'Attach the pages you need as a smaller PDF.',
      );
    case 'unreadable':
      throw refused(
        `${quoted(name)} starts like a PDF but could not be read (it is damaged or not really a PDF).`,
        'Open it in a PDF viewer and save or print it to a new PDF, then attach that.',
        read.reason,
      );
  }
}

/** The original bytes and the text, each stored once; the part points at both. */
function storeDocument(
  blobs: BlobStore,
  bytes: Uint8Array,
  text: string,
  part: Omit<FilePart, 'hash' | 'textHash' | 'textChars'>,
): FilePart {
  const textHash = blobs.put(Buffer.from(text, 'utf8'));
  return { ...part, hash: blobs.put(bytes), textHash, textChars: text.length };
}

function decodeBase64(data: string, name: string): Buffer {
  // A data URL is taken too: it is what a canvas or FileReader gives.
  const body = data.replace(/^data:[^,]{0,200};base64,/, '').replace(/\s+/g, '');
  if (body.length % 4 === 1 || !BASE64.test(body)) {
    throw refused(`${quoted(name)} arrived damaged: its data is not valid base64.`, 'Attach the file again.');
  }
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length > ATTACHMENT_MAX_BYTES) {
    throw refused(
      `${quoted(name)} is over ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB (it is ${(bytes.length / 1024 / 1024).toFixed(1)} MB).`,
      `Attach a smaller file or split it: each attachment may be at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB.`,
    );
  }
  if (bytes.length === 0) throw refused(`${quoted(name)} is empty.`, 'Attach a file with something in it.');
  return bytes;
}

/** The name as shown: no folders, no control characters, direction controls made visible. */
function displayName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = revealBidiControls(base.replace(/[\u0000-\u001f\u007f]/g, '')).trim();
  return clean.slice(0, ATTACHMENT_NAME_MAX) || 'attachment';
}

const corruptImage = (name: string): AppError =>
  refused(
    `${quoted(name)} is corrupt or not an image: its contents are not a readable PNG, JPEG, WebP or GIF.`,
    'Open it in an image viewer and save it again, or attach another file.',
  );

const refused = (message: string, fix: string, detail?: string): AppError =>
  new AppError(
    userError('invalid-input', message, fix, detail !== undefined ? { detail: detail.slice(0, 200) } : {}),
  );
