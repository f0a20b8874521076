import type { RouteInput } from '../../../shared/contract/routes';
import { ATTACHMENT_NAME_MAX } from '../../../shared/domain/attachment-limits';
import { blobToBase64 } from './file-reading';
import { fileKind } from './file-kinds';
import { ImageRefusal, processImage } from './image-processing';

/** What goes to `attachments.add`, and the processed image for the chip's thumbnail. */
export type PreparedUpload =
  | { ok: true; kind: 'image' | 'file'; input: RouteInput<'attachments.add'>; preview?: Blob }
  | { ok: false; kind: 'image' | 'file'; reason: string };

/** Early checks, then an image processed in the window or a document's bytes as they are. */
export async function prepareUpload(file: File): Promise<PreparedUpload> {
  const kind = fileKind(file);
  if (kind.kind === 'refused')
    return { ok: false, kind: looksLikeImage(file) ? 'image' : 'file', reason: kind.reason };
  if (kind.kind === 'image') {
    try {
      const image = await processImage(file);
      return {
        ok: true,
        kind: 'image',
        input: {
          name: nameOf(file, 'image'),
          mimeType: image.mimeType,
          dataBase64: await blobToBase64(image.blob),
        },
        preview: image.blob,
      };
    } catch (error) {
      const reason =
        error instanceof ImageRefusal ? error.message : 'The image could not be prepared. Try again.';
      return { ok: false, kind: 'image', reason };
    }
  }
  return {
    ok: true,
    kind: 'file',
    input: { name: nameOf(file, 'document'), mimeType: file.type, dataBase64: await blobToBase64(file) },
  };
}

function looksLikeImage(file: File): boolean {
  return file.type.startsWith('image/');
}

/** The name main is given: as the user had it, within the contract's length. */
function nameOf(file: File, fallback: string): string {
  return (file.name.trim() || fallback).slice(0, ATTACHMENT_NAME_MAX);
}
