import { backendHost, isLocalBackend } from '../../format/backend-host';
import { useAppState } from '../../state/controller-context';
import { ModelSelect } from './ModelSelect';

/** Where replies come from: the backend's host, and the model, which can be changed here. */
export function BackendIndicator() {
  const baseUrl = useAppState((s) => s.settings?.backend.baseUrl);
  return (
    <div className="backend">
      {baseUrl && (
        <span className="backend-host" title={baseUrl}>
          <span
            className="backend-dot"
            data-local={isLocalBackend(baseUrl) || undefined}
            aria-hidden="true"
          />
          <span className="visually-hidden">Backend </span>
          {backendHost(baseUrl)}
        </span>
      )}
      <ModelSelect />
    </div>
  );
}
