import { useEffect, useRef } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import type { ConnectionReport } from '../../../../shared/domain/profiles';
import { modelsSummary } from '../../state/models/pull-format';
import { ErrorDetails } from '../notices/ErrorDetails';
import { CompletionProof } from './CompletionProof';
import { ModelsTable } from './ModelsTable';

export type TestState =
  | { phase: 'idle' }
  | { phase: 'running'; url: string }
  | { phase: 'done'; report: ConnectionReport }
  /** The test itself could not run (the host is unreachable, or the draft was refused). */
  | { phase: 'failed'; url: string; error: UserError };

/** The names the report gives (the adapter's list, or Ollama's installed models), for "1 model: llama3.2". */
function modelNames(report: ConnectionReport): string[] {
  return (
    report.modelIds ??
    report.diagnostics?.models.map((m) => m.id) ??
    report.ollama?.installed.map((m) => m.name) ??
    []
  );
}

/**
 * What "Test connection" found: latency and model count, then what the server's adapter found
 * (its name and version, notes, its models with details), shown the same way for every kind; or
 * the cause, fix and URL.
 */
export function ConnectionResult({
  state,
  onTestCompletion,
}: {
  state: TestState;
  onTestCompletion: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  // The button sits at the foot of a long form: bring the result into view (at 1280×800 it fell
  // below the fold), without moving what is already visible.
  useEffect(() => {
    if (state.phase === 'done' || state.phase === 'failed') box.current?.scrollIntoView({ block: 'nearest' });
  }, [state]);
  return (
    <div ref={box} className="test-result-frame">
      <ResultBody state={state} onTestCompletion={onTestCompletion} />
    </div>
  );
}

function ResultBody({ state, onTestCompletion }: { state: TestState; onTestCompletion: () => void }) {
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

  const names = modelNames(report);
  const headline = [
    report.latencyMs !== undefined ? `Connected in ${Math.round(report.latencyMs)} ms` : 'Connected',
    report.modelCount !== undefined ? modelsSummary(names, report.modelCount) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  // A rejected key is the news, however well /models answered (it is public on some servers).
  const refused = report.completion?.outcome === 'auth';
  return (
    <div className="test-result" role={refused ? 'alert' : 'status'} data-outcome={refused ? 'auth' : 'ok'}>
      <p className="test-headline">{headline}</p>
      <CompletionProof completion={report.completion} onTestCompletion={onTestCompletion} />
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
