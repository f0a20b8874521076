import type { Ref } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import { ErrorDetails } from '../notices/ErrorDetails';

interface Props {
  /** Cancel takes focus first, so a stray Enter changes nothing. */
  cancelRef: Ref<HTMLButtonElement>;
  onCancel: () => void;
  submitLabel: string;
  tone: 'primary' | 'danger';
  busy: boolean;
  error: UserError | undefined;
  /** What did not happen, said before the error's cause and fix. */
  errorContext: string;
}

/** The end of a settings confirmation form: why it failed (if it did), then Cancel and the action. */
export function DialogFormActions({
  cancelRef,
  onCancel,
  submitLabel,
  tone,
  busy,
  error,
  errorContext,
}: Props) {
  return (
    <>
      {error && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={error} context={errorContext} />
        </div>
      )}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={`button button-${tone}`} aria-disabled={busy || undefined}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
