import { backendHost, isLocalBackend } from '../../format/backend-host';
import { useAppState } from '../../state/controller-context';

/** A new conversation: an invitation, and where replies will come from. */
export function EmptyState() {
  const backend = useAppState((s) => s.settings?.backend);
  const local = backend ? isLocalBackend(backend.baseUrl) : true;
  return (
    <div className="empty-state">
      <p className="empty-title">Ask anything.</p>
      <p className="empty-subtitle">
        {local
          ? 'Your model runs locally.'
          : `Replies come from ${backend ? backendHost(backend.baseUrl) : 'your backend'}.`}
      </p>
      {backend && (
        <p className="empty-backend">
          <span className="empty-model">{backend.model ?? 'first available model'}</span>
          <span aria-hidden="true"> · </span>
          <span>{backendHost(backend.baseUrl)}</span>
        </p>
      )}
    </div>
  );
}
