import type { UserError } from '../../../../shared/domain/errors';
import { ErrorDetails } from '../notices/ErrorDetails';
import { OpenProfileButton } from '../notices/OpenProfileButton';
import { TurnOffToolsButton } from './tools/TurnOffToolsButton';

const unknownFailure: UserError = {
  code: 'internal',
  message: 'The reply did not finish.',
  fix: 'Try again.',
  retryable: true,
};

/**
 * Why a reply failed or was cut off, with Retry when this is the reply a retry would replace, and
 * a way to the profile's settings when the fix is there (a wrong key, a wrong URL).
 */
export function ReplyError({
  error,
  onRetry,
  onContinue,
}: {
  error: UserError | undefined;
  onRetry: (() => void) | undefined;
  /** Offered when the reply was cut off with text kept: the model goes on from there. */
  onContinue?: (() => void) | undefined;
}) {
  const shown = error ?? unknownFailure;
  return (
    <div className="inline-error" role="alert">
      <ErrorDetails error={shown} />
      <div className="inline-error-actions">
        <OpenProfileButton error={shown} />
        <TurnOffToolsButton error={shown} onRetry={onRetry} />
        {onContinue && (
          <button type="button" className="button" onClick={onContinue}>
            Continue
          </button>
        )}
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
    </div>
  );
}
