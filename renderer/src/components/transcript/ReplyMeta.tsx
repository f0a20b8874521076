import type { Usage } from '../../../../shared/domain/conversation';
import { usageDescription, usageLabel } from '../../format/usage';

/** Where the reply came from (profile · model) and the tokens it took, small and quiet under the reply. */
export function ReplyMeta({
  profileName,
  model,
  usage,
}: {
  profileName: string | undefined;
  model: string | undefined;
  usage: Usage | undefined;
}) {
  const source = [profileName, model].filter(Boolean).join(' · ');
  if (!source && !usage) return null;
  return (
    <p className="message-meta">
      {source && (
        <span className="meta-source" title={model ? `Answered by ${model}` : undefined}>
          {source}
        </span>
      )}
      {usage && (
        <span className="meta-usage" title={usageDescription(usage)}>
          <span aria-hidden="true">{usageLabel(usage)}</span>
          <span className="visually-hidden">{usageDescription(usage)}</span>
        </span>
      )}
    </p>
  );
}
