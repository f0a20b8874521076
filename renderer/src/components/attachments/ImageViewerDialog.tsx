import { useId, type MouseEvent } from 'react';
import type { ImagePart } from '../../../../shared/domain/message-parts';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import '../../styles/attachment-view.css';
import { imageDetails } from './attachment-format';
import { useImageSource } from './use-image-source';
import { ModalDialog } from '../dialog/ModalDialog';

/**
 * A sent image at up to the window's size, in a modal dialog with its name and size. Escape, the
 * Close button or a click beside the image close it, and focus goes back to the thumbnail.
 */
export function ImageViewerDialog({ part, onClose }: { part: ImagePart; onClose: () => void }) {
  const { dialog, initialFocus: close } = useModalDialog<HTMLButtonElement>();
  const source = useImageSource(part.hash);
  const id = useId();

  const onCancel = () => {
    onClose();
  };
  // A click on the backdrop lands on the <dialog> itself.
  const onClick = (event: MouseEvent<HTMLDialogElement>) => {
    if (event.target === event.currentTarget) onClose();
  };

  return (
    <ModalDialog
      dialogRef={dialog}
      className="image-viewer"
      titleId={`${id}-title`}
      descriptionId={`${id}-details`}
      onCancel={onCancel}
      onClick={onClick}
    >
      <div className="image-viewer-head">
        <h2 id={`${id}-title`} className="dialog-title image-viewer-title">
          {part.name}
        </h2>
        <span id={`${id}-details`} className="image-viewer-details">
          {imageDetails(part)}
        </span>
        <button ref={close} type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="image-viewer-frame">
        {source.state === 'loaded' ? (
          <img
            className="image-viewer-image"
            src={source.src}
            alt={part.name}
            width={part.width}
            height={part.height}
          />
        ) : (
          <p className="image-viewer-status" role={source.state === 'failed' ? 'alert' : 'status'}>
            {source.state === 'failed' ? source.reason : 'Loading the image…'}
          </p>
        )}
      </div>
    </ModalDialog>
  );
}
