import { useId } from 'react';
import {
  meterDetail,
  meterLabel,
  meterLevel,
  omittedSummary,
  overBudgetWarning,
  percentUsed,
  type MeterFigures,
} from '../../state/chat/context-meter';
import { useAppState, useController } from '../../state/controller-context';
import { leftOutOfLastRequest } from '../../state/transcript/transcript-rows';
import '../../styles/context-meter.css';

/**
 * How full the model's context is: the next request's size against the context length (the
 * draft included), "estimated" when it is our tokenizer's count, where the length came from in the
 * tooltip, a warning when even the newest turn does not fit, and — when the last request left
 * older turns out — how many, with a way to where they stop.
 */
export function ContextMeter({
  figures,
  error,
}: {
  figures: MeterFigures | undefined;
  error: string | undefined;
}) {
  const controller = useController();
  const open = useAppState((s) => s.open);
  const leftOut = leftOutOfLastRequest(open?.messages);
  const warningId = useId();
  if (!figures) {
    return error ? (
      <p className="context-meter context-meter-unknown" title={error}>
        Context use unknown
      </p>
    ) : null;
  }
  const label = meterLabel(figures);
  const level = meterLevel(figures);
  const warning = overBudgetWarning(figures);
  const omitted = omittedSummary(figures);
  const percent = Math.min(100, percentUsed(figures));
  const budgetPercent = Math.min(100, (100 * figures.budgetTokens) / Math.max(1, figures.contextLength));
  return (
    <div className="context-meter" data-level={level}>
      <div
        className="context-meter-bar"
        role="meter"
        aria-label="Context used"
        aria-valuemin={0}
        aria-valuemax={figures.contextLength}
        aria-valuenow={Math.min(figures.promptTokens, figures.contextLength)}
        aria-valuetext={label}
        aria-describedby={warning ? warningId : undefined}
        title={meterDetail(figures)}
      >
        <span className="context-meter-fill" style={{ width: `${percent}%` }} />
        <span className="context-meter-budget" style={{ left: `${budgetPercent}%` }} aria-hidden="true" />
      </div>
      <span className="context-meter-label" title={meterDetail(figures)} aria-hidden="true">
        {label}
      </span>
      {omitted && <span className="context-meter-omitted">{omitted}</span>}
      {leftOut && open && (
        <button
          type="button"
          className="context-meter-show"
          onClick={() => void controller.openMessage(open.id, leftOut.firstKeptId)}
        >
          Show what was left out
        </button>
      )}
      {warning && (
        <p id={warningId} className="context-meter-warning">
          {warning}
        </p>
      )}
    </div>
  );
}
