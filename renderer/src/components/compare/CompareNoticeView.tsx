import { useController } from '../../state/controller-context';
import { ErrorDetails } from '../notices/ErrorDetails';
import { useCompareState } from './use-compare-state';

/** A compare request the host refused (loading, opening, deleting, exporting): what happened and the fix. */
export function CompareNoticeView() {
  const { compare } = useController();
  const notice = useCompareState((s) => s.notice);
  if (!notice) return null;
  return (
    <div className="inline-error compare-notice" role="alert">
      <ErrorDetails error={notice.error} context={notice.context} />
      <div className="inline-error-actions">
        <button type="button" className="button button-quiet" onClick={() => compare.dismissNotice()}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
