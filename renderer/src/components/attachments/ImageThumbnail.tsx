import { useRef, useState } from 'react';
import type { ImagePart } from '../../../../shared/domain/message-parts';
import { fitInside, THUMBNAIL_BOX } from './attachment-format';
import { ImageViewerDialog } from './ImageViewerDialog';
import { useImageSource } from './use-image-source';

/**
 * A sent image, small: sized from the part before it loads (the row does not jump), loaded once it
 * nears the view. A click or Enter opens the larger view.
 */
export function ImageThumbnail({ part }: { part: ImagePart }) {
  const button = useRef<HTMLButtonElement>(null);
  const source = useImageSource(part.hash, button);
  const [open, setOpen] = useState(false);
  const size = fitInside(part, THUMBNAIL_BOX);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="sent-thumbnail"
        aria-label={`View ${part.name} larger`}
        aria-haspopup="dialog"
        data-state={source.state}
        style={{ width: size.width, height: size.height }}
        onClick={() => setOpen(true)}
      >
        {source.state === 'loaded' ? (
          <img src={source.src} alt={part.name} width={size.width} height={size.height} />
        ) : (
          <span
            className="sent-thumbnail-status"
            title={source.state === 'failed' ? source.reason : undefined}
          >
            {source.state === 'failed' ? 'Image not available' : ''}
          </span>
        )}
      </button>
      {open && <ImageViewerDialog part={part} onClose={() => setOpen(false)} />}
    </>
  );
}
