import { useId, useState } from 'react';
import type { ToolCallPart, ToolResultPart } from '../../../../../shared/domain/message-parts';
import { formatThinkingTime } from '../../../format/reasoning';
import { sanitizeText } from '../../../markdown/sanitize-text';
import { useNow } from '../../../state/core/use-now';
import {
  cardLine,
  cardToggleName,
  isActive,
  prettyArguments,
  shownStatus,
  statusLabel,
} from '../../../state/tools/tool-card';
import '../../../styles/tools.css';
import { ToolApprovalPrompt } from './ToolApprovalPrompt';
import { ToolResultView } from './ToolResultView';

/** The running time of a call in progress; mounted only then, so a finished card has no timer. */
function Elapsed({ since }: { since: number }) {
  const now = useNow(500);
  return <span className="tool-card-time">{formatThinkingTime(now - since)}</span>;
}

/**
 * One tool call in a reply, as a compact card: its line ("Created task · Q4 Budget Review · High ·
 * due Fri"), its status (a spinner and the running time while it runs), and a disclosure to its
 * arguments and its result (rendered like model output: it is untrusted). A call waiting for the
 * user shows the approval prompt right in the card.
 */
export function ToolCallCard({
  call,
  result,
  replyId,
  replyEnded,
}: {
  call: ToolCallPart;
  /** The `tool-result` with the same `callId`, once it came. */
  result: ToolResultPart | undefined;
  replyId: string;
  /** The reply is no longer streaming: a call still "running" in it was cut short. */
  replyEnded: boolean;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const status = shownStatus(call, result, replyEnded);
  const line = sanitizeText(cardLine(call));
  const args = open ? prettyArguments(call.arguments) : undefined;
  return (
    <div className="tool-card" role="group" aria-label={`Tool call: ${line}`} data-status={status}>
      <button
        type="button"
        className="tool-card-toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={cardToggleName(line, status, open)}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="tool-card-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="tool-card-line" aria-hidden="true">
          {line}
        </span>
        <span className="tool-card-status" aria-hidden="true">
          {isActive(status) && <span className="tool-spinner" />}
          {statusLabel(status)}
          {isActive(status) && call.startedAt !== undefined && <Elapsed since={call.startedAt} />}
        </span>
      </button>
      {status === 'awaiting-approval' && <ToolApprovalPrompt call={call} replyId={replyId} />}
      {open && args && (
        <div id={panelId} className="tool-card-details">
          <h4 className="tool-card-heading">Arguments{args.valid ? '' : ' (not valid JSON)'}</h4>
          <pre className="tool-card-arguments" tabIndex={0} aria-label="Arguments">
            {sanitizeText(args.text)}
          </pre>
          {result ? (
            <ToolResultView result={result} />
          ) : (
            <p className="tool-card-note">
              {replyEnded ? 'No result: the call did not finish.' : 'No result yet.'}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
