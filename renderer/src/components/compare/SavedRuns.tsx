import { formatCreated } from '../../format/reply-metrics';
import { useController } from '../../state/controller-context';
import { useCompareState } from './use-compare-state';

const statusWords = { running: 'running', complete: 'finished', cancelled: 'stopped' } as const;

/** Every saved run, newest first: reopen one (the same tables come back) or delete it. */
export function SavedRuns() {
  const { compare } = useController();
  const runs = useCompareState((s) => s.runs);
  const loaded = useCompareState((s) => s.runsLoaded);
  const shownId = useCompareState((s) => s.shown?.id);

  return (
    <section className="saved-runs" aria-labelledby="saved-runs-title">
      <h2 id="saved-runs-title" className="pane-title saved-runs-title">
        Saved runs
      </h2>
      {!loaded && <p className="pane-note">Loading…</p>}
      {loaded && runs.length === 0 && (
        <p className="pane-note">No runs yet. Runs are saved as they finish.</p>
      )}
      {runs.length > 0 && (
        <ul className="saved-run-list" aria-label="Saved runs">
          {runs.map((run) => (
            <li key={run.id} className="saved-run">
              <button
                type="button"
                className="saved-run-open"
                aria-current={run.id === shownId ? 'true' : undefined}
                title={run.pairLabels.join(' vs ')}
                onClick={() => void compare.open(run.id)}
              >
                <span className="saved-run-name">{run.name}</span>
                {/* The default name already says the prompts and the models: the meta adds only what it lacks. */}
                <span className="saved-run-meta">
                  {formatCreated(run.createdAt)} · {statusWords[run.status]}
                </span>
              </button>
              <button
                type="button"
                className="icon-button saved-run-delete"
                aria-label={`Delete run ${run.name}`}
                title="Delete run"
                onClick={() => void compare.remove(run.id)}
              >
                <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                  <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
