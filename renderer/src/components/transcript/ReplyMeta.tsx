import type { Usage } from '../../../../shared/index';
import { usageDescription, usageLabel } from '../../format/usage';

/** The model that answered and the tokens it took, small and quiet under the reply. */
export function ReplyMeta({ model, usage }: { model: string | undefined; usage: Usage | undefined }) {
  if (!model && !usage) return null;
  return (
    <p className="message-meta">
      {model && <span className="meta-model">{model}</span>}
      {usage && (
        <span className="meta-usage" title={usageDescription(usage)}>
          <span aria-hidden="true">{usageLabel(usage)}</span>
          <span className="visually-hidden">{usageDescription(usage)}</span>
        </span>
      )}
    </p>
  );
}
