import { useId } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import { ErrorDetails } from '../notices/ErrorDetails';

/**
 * Run, or why not yet (next to the disabled button, and its description); Stop while a run goes.
 * The host's refusal is shown here as well as at its fields.
 */
export function RunBar({
  blocker,
  starting,
  running,
  error,
  onStop,
}: {
  blocker: string | undefined;
  starting: boolean;
  running: boolean;
  error: UserError | undefined;
  onStop: () => void;
}) {
  const reasonId = useId();
  return (
    <div className="run-bar">
      <div className="run-bar-buttons">
        <button
          type="submit"
          className="button button-primary"
          disabled={blocker !== undefined || starting}
          aria-describedby={blocker ? reasonId : undefined}
        >
          {starting ? 'Starting…' : 'Run'}
        </button>
        {running && (
          <button type="button" className="button button-danger" onClick={onStop}>
            Stop run
          </button>
        )}
        {blocker && (
          <p id={reasonId} className="run-blocker">
            {blocker}
          </p>
        )}
      </div>
      {error && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={error} context="The run did not start." />
        </div>
      )}
    </div>
  );
}
