import type { UserError } from '../../../../shared/domain/errors';
import type { ConnectionReport } from '../../../../shared/domain/profiles';
import { ErrorDetails } from '../notices/ErrorDetails';
import { ModelsTable } from './ModelsTable';

export type TestState =
  | { phase: 'idle' }
  | { phase: 'running'; url: string }
  | { phase: 'done'; report: ConnectionReport }
  /** The test itself could not run (the host is unreachable, or the draft was refused). */
  | { phase: 'failed'; url: string; error: UserError };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What "Test connection" found: latency and model count, then what the server's adapter found
 * (its name and version, notes, its models with details), shown the same way for every kind; or
 * the cause, fix and URL.
 */
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
        <ServerFacts diagnostics={report.diagnostics} withModels={false} />
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
  return (
    <div className="test-result" role="status" data-outcome="ok">
      <p className="test-headline">{headline}</p>
      <ServerFacts diagnostics={report.diagnostics} />
      <p className="test-url">
        Tested: <code>{report.url}</code>
      </p>
    </div>
  );
}

/** The adapter's findings: the server's name and version, its notes, its models (not inside an alert). */
function ServerFacts({
  diagnostics,
  withModels = true,
}: {
  diagnostics: ConnectionReport['diagnostics'];
  withModels?: boolean;
}) {
  if (!diagnostics) return null;
  return (
    <>
      <p className="test-line">{diagnostics.server}</p>
      {diagnostics.notes.map((note) => (
        <p key={note.text} className="test-line" data-tone={note.tone}>
          {note.tone === 'warning' && <strong>Note: </strong>}
          {note.text}
        </p>
      ))}
      {withModels && <ModelsTable models={diagnostics.models} />}
    </>
  );
}
