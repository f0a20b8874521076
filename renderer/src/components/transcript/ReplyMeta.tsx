import { useId, useState } from 'react';
import type { Message, Usage } from '../../../../shared/domain/conversation';
import { hasReplyDetails, timingDescription, timingParts } from '../../format/reply-metrics';
import { usageDescription, usageLabel } from '../../format/usage';
import { ReplyDetails } from './ReplyDetails';

/**
 * Under the reply, small and quiet: where it came from (profile · model), once it ended how long it
 * took and how fast it came, the tokens it took (marked ≈ when estimated), and a Details disclosure
 * with everything recorded about it.
 */
export function ReplyMeta({
  profileName,
  model,
  usage,
  ended,
}: {
  profileName: string | undefined;
  model: string | undefined;
  usage: Usage | undefined;
  /** The saved reply once it stopped streaming: its timings and details are shown. */
  ended?: Message | undefined;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const source = [profileName, model].filter(Boolean).join(' · ');
  const timings = ended ? timingParts(ended) : [];
  const estimated = ended?.metrics?.usageEstimated === true;
  const details = ended !== undefined && hasReplyDetails(ended);
  if (!source && !usage && !details) return null;
  const usageText = usage ? `${usageDescription(usage)}${estimated ? ' (estimated)' : ''}` : '';
  return (
    <div className="reply-meta">
      <p className="message-meta">
        {source && (
          <span className="meta-source" title={model ? `Answered by ${model}` : undefined}>
            {source}
          </span>
        )}
        {timings.length > 0 && ended && (
          <span className="meta-timing" title={timingDescription(ended)}>
            {timings.join(' · ')}
          </span>
        )}
        {usage && (
          <span className="meta-usage" title={usageText} data-estimated={estimated || undefined}>
            <span aria-hidden="true">{`${estimated ? '≈ ' : ''}${usageLabel(usage)}`}</span>
            <span className="visually-hidden">{usageText}</span>
          </span>
        )}
        {details && (
          <button
            type="button"
            className="meta-details-toggle"
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            onClick={() => setOpen((value) => !value)}
          >
            Details
          </button>
        )}
      </p>
      {open && ended && <ReplyDetails id={panelId} message={ended} />}
    </div>
  );
}
