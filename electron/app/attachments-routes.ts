import { userError } from '../../shared/domain/errors';
import { AppError } from '../services/app-error';
import { addAttachment } from '../services/attachments/attachment-intake';
import { storedImageDataUrl } from '../services/attachments/attachment-reader';
import type { BlobStore } from '../services/attachments/blob-store';
import type { RoutesOf } from './routes-of';

/** Attachments: stored once by content in `<data>/attachments/`, and stored images read back. */
export function attachmentsRoutes({ blobs }: { blobs: BlobStore }): RoutesOf<'attachments'> {
  return {
    'attachments.add': (input) => addAttachment(blobs, input),
    'attachments.image': ({ hash }) => {
      const dataUrl = storedImageDataUrl(blobs, hash);
      if (dataUrl === undefined) {
        throw new AppError(
          userError(
            'not-found',
            'That image is not stored (it was removed with the trash, or never attached).',
            'Attach the image again.',
          ),
        );
      }
      return { dataUrl };
    },
  };
}
