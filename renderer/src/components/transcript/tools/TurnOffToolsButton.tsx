import { useState } from 'react';
import type { UserError } from '../../../../../shared/domain/errors';
import { useController } from '../../../state/controller-context';

/**
 * When the backend or model refused tools (`tools-unsupported`), the way on: turn this
 * conversation's tools off and send the turn again without them.
 */
export function TurnOffToolsButton({
  error,
  onRetry,
}: {
  error: UserError;
  /** Sends the turn again; absent when this is not the reply a retry would replace. */
  onRetry: (() => void) | undefined;
}) {
  const controller = useController();
  const [busy, setBusy] = useState(false);
  const action = error.action;
  if (action?.kind !== 'turn-off-tools') return null;
  return (
    <button
      type="button"
      className="button button-primary"
      disabled={busy}
      title="Turns this conversation’s tools off and sends your message again"
      onClick={async () => {
        setBusy(true);
        const off = await controller.tools.setToolsOf(
          action.conversationId,
          [],
          'The tools were not turned off.',
        );
        setBusy(false);
        if (off) onRetry?.();
      }}
    >
      {onRetry ? 'Send without tools' : 'Turn tools off'}
    </button>
  );
}
