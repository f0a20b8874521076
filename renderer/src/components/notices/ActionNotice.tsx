import { useAppState, useController } from '../../state/controller-context';
import { ErrorDetails } from './ErrorDetails';
import { OpenProfileButton } from './OpenProfileButton';

/** A request the host answered with an error (or could not answer): what happened, the fix, and Retry where it makes sense. */
export function ActionNotice() {
  const controller = useController();
  const notice = useAppState((s) => s.notice);
  if (!notice) return null;
  return (
    <div className="inline-error action-notice" role="alert" key={notice.id}>
      <ErrorDetails error={notice.error} context={notice.context} />
      <div className="inline-error-actions">
        <OpenProfileButton error={notice.error} />
        {notice.retry && (
          <button type="button" className="button" onClick={notice.retry}>
            Retry
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={() => controller.dismissNotice()}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
