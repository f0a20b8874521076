import type { PullProgress } from '../../../../shared/domain/ollama-models';
import { useController } from '../../state/controller-context';
import { pullPercent, pullProgressText } from '../../state/models/pull-format';
import { ErrorDetails } from '../notices/ErrorDetails';

/**
 * One pull: a bar with percent, bytes, speed and time left while it runs (Cancel); the reason and
 * "Try again" when it failed; a short line when it was cancelled or is done.
 */
export function PullRow({ pull, onRetry }: { pull: PullProgress; onRetry: (model: string) => void }) {
  const controller = useController();
  const percent = pullPercent(pull);
  const text = pullProgressText(pull);
  const forget = () => controller.models.forget(pull.pullId);
  return (
    <li className="pull-row" data-state={pull.state}>
      <div className="pull-head">
        <span className="pull-model">{pull.model}</span>
        <span className="pull-step">{pull.state === 'running' ? pull.status : ''}</span>
      </div>
      {pull.state === 'running' && (
        <>
          <progress
            className="pull-bar"
            max={100}
            aria-label={`Pulling ${pull.model}`}
            aria-valuetext={text}
            {...(percent !== undefined ? { value: percent } : {})}
          />
          <div className="pull-line">
            <span className="pull-text">{text}</span>
            <button
              type="button"
              className="button"
              onClick={() => void controller.models.cancel(pull.pullId)}
            >
              Cancel
            </button>
          </div>
        </>
      )}
      {pull.state === 'done' && (
        <div className="pull-line">
          <span className="pull-text">{pull.model} is ready: choose it in the model picker.</span>
          <button type="button" className="button button-quiet" onClick={forget}>
            Dismiss
          </button>
        </div>
      )}
      {pull.state === 'cancelled' && (
        <div className="pull-line">
          <span className="pull-text">Pull cancelled.</span>
          <button type="button" className="button" onClick={() => onRetry(pull.model)}>
            Try again
          </button>
          <button type="button" className="button button-quiet" onClick={forget}>
            Dismiss
          </button>
        </div>
      )}
      {pull.state === 'failed' && (
        <div className="inline-error" role="alert">
          <ErrorDetails
            error={
              pull.error ?? {
                code: 'internal',
                message: `Pulling ${pull.model} failed.`,
                fix: 'Try again.',
                retryable: true,
              }
            }
            context={`${pull.model} was not pulled.`}
          />
          <div className="inline-error-actions">
            <button type="button" className="button" onClick={() => onRetry(pull.model)}>
              Try again
            </button>
            <button type="button" className="button button-quiet" onClick={forget}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
