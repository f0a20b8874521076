import type { DiscoveredServer } from '../../../../shared/domain/discovery';
import { backendHost } from '../../format/backend-host';
import { useController } from '../../state/controller-context';
import { useOnboardingState } from '../../state/onboarding/use-onboarding-state';
import { ErrorDetails } from '../notices/ErrorDetails';

/** "Ollama 0.12.3 · 3 models", "LM Studio · no models yet". */
function serverLine(server: DiscoveredServer): string {
  const n = server.models.length;
  return `${server.server} · ${n === 0 ? 'no models yet' : `${n} model${n === 1 ? '' : 's'}`}`;
}

/** Each server the scan found, with what it is, and "Use this" (or "Already added"). */
export function FoundServers({ servers }: { servers: readonly DiscoveredServer[] }) {
  return (
    <ul className="found-servers" aria-label="Servers found">
      {servers.map((server) => (
        <FoundServer key={server.baseUrl} server={server} />
      ))}
    </ul>
  );
}

function FoundServer({ server }: { server: DiscoveredServer }) {
  const controller = useController();
  const offer = useOnboardingState((s) => s.offers[server.baseUrl]);
  const addedId = useOnboardingState((s) => s.added[server.baseUrl]) ?? server.profileId;
  const line = serverLine(server);
  const emptyOllama = server.kind === 'ollama' && server.models.length === 0;
  return (
    <li className="found-server">
      <div className="found-server-text">
        <strong className="found-server-name">{line}</strong>
        <code className="found-server-url">{backendHost(server.baseUrl)}</code>
        {server.models.length > 0 && (
          <span className="found-server-models">{server.models.slice(0, 4).join(', ')}</span>
        )}
      </div>
      <div className="found-server-actions">
        {addedId ? (
          <>
            <span className="found-server-added">Already added</span>
            {emptyOllama && (
              <button
                type="button"
                className="button"
                onClick={() => controller.models.open(addedId, 'llama3.2')}
              >
                Pull a model
              </button>
            )}
          </>
        ) : (
          <button
            type="button"
            className="button button-primary"
            aria-label={`Use this: ${line}`}
            aria-disabled={offer?.state === 'adding' || undefined}
            onClick={() => {
              if (offer?.state !== 'adding') void controller.onboarding.use(server);
            }}
          >
            {offer?.state === 'adding' ? 'Adding…' : 'Use this'}
          </button>
        )}
      </div>
      {offer?.state === 'failed' && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={offer.error} context="This server was not added." />
        </div>
      )}
    </li>
  );
}
