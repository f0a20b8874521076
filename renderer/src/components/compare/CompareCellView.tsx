import { memo } from 'react';
import type { CellStatus, CompareCell } from '../../../../shared/domain/compare';
import { formatCount, formatMs, formatRate, MISSING } from '../../../../shared/domain/compare-stats';
import { reasoningState } from '../../format/reasoning';
import { StreamingMarkdown } from '../../markdown/StreamingMarkdown';
import { ErrorDetails } from '../notices/ErrorDetails';
import { OpenProfileButton } from '../notices/OpenProfileButton';
import { ReasoningBlock } from '../transcript/ReasoningBlock';

const statusWords: Record<CellStatus, string> = {
  pending: 'Waiting',
  streaming: 'Answering…',
  complete: 'Done',
  incomplete: 'Cut off',
  cancelled: 'Stopped',
  failed: 'Failed',
};

const ms = (value: number | undefined) => {
  const text = formatMs(value);
  return text === MISSING ? text : `${text} ms`;
};

/**
 * One backend's answer to one prompt: what it thought (live while it thinks, then folded to "Thought
 * for N s"), its text as it streams (markdown, only the growing tail
 * re-rendering), its status, and once done its figures, spelled as the tables spell them. A failure
 * is shown here, in its own cell, with the cause and the fix; the other cells go on.
 */
export const CompareCellView = memo(function CompareCellView({
  cell,
  label,
}: {
  cell: CompareCell | undefined;
  label: string;
}) {
  const status = cell?.status ?? 'pending';
  const text = cell?.text ?? '';
  const streaming = status === 'streaming';
  const metrics = cell?.metrics;
  const estimated = metrics?.usageEstimated ?? false;
  const done = status !== 'pending' && status !== 'streaming';
  const reasoning = cell?.reasoning;
  return (
    <article
      className="compare-cell"
      data-status={status}
      aria-label={`${label}: ${statusWords[status]}`}
      aria-busy={streaming || undefined}
    >
      <header className="compare-cell-head">
        <h4 className="compare-cell-label" title={cell?.model ? `Answered by ${cell.model}` : undefined}>
          {label}
        </h4>
        <span className="compare-cell-status">{statusWords[status]}</span>
      </header>
      <div className="compare-cell-body">
        {reasoning && (
          <ReasoningBlock
            key={reasoning.id}
            part={reasoning}
            state={reasoningState(reasoning, { streaming, isLast: text.length === 0 })}
            since={undefined}
          />
        )}
        {text.length > 0 && <StreamingMarkdown text={text} streaming={streaming} />}
        {status === 'pending' && <p className="compare-cell-note">Waits for its turn.</p>}
        {streaming && text.length === 0 && !reasoning && (
          <p className="compare-cell-note">Waiting for the first token…</p>
        )}
        {cell?.error && (
          <div className="inline-error compare-cell-error" role="alert">
            <ErrorDetails error={cell.error} />
            <div className="inline-error-actions">
              <OpenProfileButton error={cell.error} />
            </div>
          </div>
        )}
      </div>
      {done && (metrics || cell?.usage) && (
        <dl className="compare-cell-figures">
          <div>
            <dt>TTFT</dt>
            <dd>{ms(metrics?.ttftMs)}</dd>
          </div>
          {metrics?.ttfrMs !== undefined && (
            <>
              <div>
                <dt>TTFR</dt>
                <dd>{ms(metrics.ttfrMs)}</dd>
              </div>
              <div>
                <dt>TTFA</dt>
                <dd>{ms(metrics.ttfaMs)}</dd>
              </div>
            </>
          )}
          <div>
            <dt>Total</dt>
            <dd>{ms(metrics?.totalMs)}</dd>
          </div>
          <div>
            <dt>Tokens/s</dt>
            <dd>{formatRate(metrics?.tokensPerSecond)}</dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd>{formatCount(cell?.usage?.completionTokens, estimated)}</dd>
          </div>
          {cell?.usage?.reasoningTokens !== undefined && (
            <div>
              <dt>Reasoning tokens</dt>
              <dd>{formatCount(cell.usage.reasoningTokens)}</dd>
            </div>
          )}
          {cell?.finishReason && (
            <div>
              <dt>Finish</dt>
              <dd>{cell.finishReason}</dd>
            </div>
          )}
        </dl>
      )}
    </article>
  );
});
