import type { UserError } from '../../../../shared/domain/errors';
import type { ConnectionReport } from '../../../../shared/domain/profiles';
import { formatBytes } from '../../format/model-info';
import { ErrorDetails } from '../notices/ErrorDetails';

export type TestState =
  | { phase: 'idle' }
  | { phase: 'running'; url: string }
  | { phase: 'done'; report: ConnectionReport }
  /** The test itself could not run (the host is unreachable, or the draft was refused). */
  | { phase: 'failed'; url: string; error: UserError };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What "Test connection" found: latency and models, Ollama's inventory, LiteLLM's health; or the cause, fix and URL. */
export function ConnectionResult({ state }: { state: TestState }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'running')
    return (
      <div className="test-result" role="status" data-outcome="running">
        <p className="test-headline">Testing {state.url}…</p>
      </div>
    );
  if (state.phase === 'failed')
    return (
      <div className="test-result" role="alert" data-outcome="failed">
        <ErrorDetails error={state.error} context="The connection could not be tested." />
        <p className="test-url">
          Tested: <code>{state.url}</code>
        </p>
      </div>
    );

  const { report } = state;
  if (report.outcome !== 'ok') {
    const error: UserError = report.error ?? {
      code: 'internal',
      message: 'The backend did not answer as expected.',
      fix: 'Check the URL and that the server is running.',
      retryable: true,
    };
    return (
      <div className="test-result" role="alert" data-outcome={report.outcome}>
        <ErrorDetails error={error} />
        <p className="test-url">
          Tested: <code>{report.url}</code>
        </p>
      </div>
    );
  }

  const headline = [
    report.latencyMs !== undefined ? `Connected in ${Math.round(report.latencyMs)} ms` : 'Connected',
    report.modelCount !== undefined ? plural(report.modelCount, 'model') : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const { ollama, litellm } = report;
  const loaded = new Set(ollama?.loaded ?? []);
  return (
    <div className="test-result" role="status" data-outcome="ok">
      <p className="test-headline">{headline}</p>
      {litellm && (
        <p className="test-line">
          {litellm.alive
            ? 'Proxy alive'
            : `The proxy’s health check did not answer${litellm.detail ? ` — ${litellm.detail}` : ''}`}
        </p>
      )}
      {ollama && (
        <>
          <p className="test-line">
            Ollama {ollama.version ?? '(version unknown)'}
            {' · '}
            {ollama.loaded.length > 0
              ? `loaded now: ${ollama.loaded.join(', ')}`
              : 'no model loaded right now'}
          </p>
          {ollama.installed.length > 0 && (
            <div className="table-scroll">
              <table className="models-table">
                <caption className="visually-hidden">Installed models</caption>
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Size</th>
                    <th scope="col">Family</th>
                    <th scope="col">Parameters</th>
                    <th scope="col">Quantisation</th>
                    <th scope="col">Loaded</th>
                  </tr>
                </thead>
                <tbody>
                  {ollama.installed.map((model) => (
                    <tr key={model.name}>
                      <th scope="row">{model.name}</th>
                      <td>{model.sizeBytes !== undefined ? formatBytes(model.sizeBytes) : '—'}</td>
                      <td>{model.family ?? '—'}</td>
                      <td>{model.parameterSize ?? '—'}</td>
                      <td>{model.quantization ?? '—'}</td>
                      <td>{loaded.has(model.name) ? 'loaded' : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <p className="test-url">
        Tested: <code>{report.url}</code>
      </p>
    </div>
  );
}
