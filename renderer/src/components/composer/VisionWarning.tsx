import { forwardRef } from 'react';
import { visionWarningText, type VisionWarning as Warning } from '../../state/chat/attachment-checks';

interface Props {
  warning: Warning;
  images: number;
  onSendAnyway: () => void;
  onChooseModel: () => void;
}

/** Said before an image goes to a model that says it cannot see: send anyway, or pick another model. */
export const VisionWarning = forwardRef<HTMLDivElement, Props>(function VisionWarning(
  { warning, images, onSendAnyway, onChooseModel },
  ref,
) {
  return (
    <div ref={ref} className="vision-warning" role="alert" tabIndex={-1}>
      <p>{visionWarningText(warning, images)}</p>
      <div className="vision-warning-actions">
        <button type="button" className="button" onClick={onChooseModel}>
          Choose another model
        </button>
        <button type="button" className="button button-quiet" onClick={onSendAnyway}>
          Send anyway
        </button>
      </div>
    </div>
  );
});
