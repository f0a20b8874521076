import { useEffect, useRef } from 'react';
import type { CompareRun } from '../../../../shared/domain/compare';
import { formatCreated } from '../../format/reply-metrics';
import { useController } from '../../state/controller-context';
import { ExportButtons } from './ExportButtons';
import { RunAnswers } from './RunAnswers';
import { RunTables } from './RunTables';

const statusText: Record<CompareRun['status'], string> = {
  running: 'Running',
  complete: 'Finished',
  cancelled: 'Stopped — the answers that finished are kept',
};

function paramsText(run: CompareRun): string {
  const { temperature, maxTokens, topP } = run.params;
  const parts = [
    temperature !== undefined ? `temperature ${temperature}` : '',
    topP !== undefined ? `top P ${topP}` : '',
    maxTokens !== undefined ? `max tokens ${maxTokens}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'backend defaults';
}

/** The run on screen: what was asked of whom, the answers side by side, and the results tables. */
export function RunResults({ run }: { run: CompareRun }) {
  const { compare } = useController();
  const running = run.status === 'running';
  const section = useRef<HTMLElement>(null);
  // A run just started or reopened is what the user wants to see: bring it up from below the form.
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'start' });
  }, [run.id]);
  return (
    <section
      ref={section}
      className="run-results"
      aria-labelledby={`run-${run.id}`}
      data-run-status={run.status}
    >
      <header className="run-head">
        <div className="run-head-text">
          <h2 id={`run-${run.id}`} className="compare-section-title">
            {run.name}
          </h2>
          <p className="run-meta">
            <span className="run-status" data-status={run.status}>
              {statusText[run.status]}
            </span>
            <span>{formatCreated(run.createdAt)}</span>
            <span>{run.parallel ? 'in parallel' : 'one after another'}</span>
            <span>{paramsText(run)}</span>
          </p>
          {run.systemPrompt && <p className="run-meta">System prompt: {run.systemPrompt}</p>}
        </div>
        <div className="run-actions">
          {!running && (
            <button type="button" className="button button-quiet" onClick={() => compare.closeShown()}>
              Close
            </button>
          )}
          <ExportButtons runId={run.id} disabled={running} />
        </div>
      </header>
      <RunAnswers run={run} />
      <RunTables run={run} />
    </section>
  );
}
