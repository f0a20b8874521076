import type { UserError } from '../../../../shared/domain/errors';
import { TextWithCode } from './TextWithCode';

/** The shared shape of every error the user sees: what happened, what fixes it, and the raw detail on request. */
export function ErrorDetails({ error, context }: { error: UserError; context?: string | undefined }) {
  return (
    <div className="error-details">
      {context && <p className="error-context">{context}</p>}
      <p className="error-message">
        <TextWithCode text={error.message} />
      </p>
      <p className="error-fix">
        <TextWithCode text={error.fix} />
      </p>
      {error.detail && (
        <details className="error-raw">
          <summary>Details</summary>
          <code>{error.detail}</code>
        </details>
      )}
    </div>
  );
}
