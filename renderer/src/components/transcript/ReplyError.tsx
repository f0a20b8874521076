import type { UserError } from '../../../../shared/index';
import { ErrorDetails } from '../notices/ErrorDetails';

const unknownFailure: UserError = {
  code: 'internal',
  message: 'The reply did not finish.',
  fix: 'Try again.',
  retryable: true,
};

/** Why a reply failed or was cut off, with Retry when this is the reply a retry would replace. */
export function ReplyError({
  error,
  onRetry,
}: {
  error: UserError | undefined;
  onRetry: (() => void) | undefined;
}) {
  return (
    <div className="inline-error" role="alert">
      <ErrorDetails error={error ?? unknownFailure} />
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
