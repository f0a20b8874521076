import {
  formatCount,
  formatMs,
  formatRate,
  formatStatus,
  MISSING,
  type PromptFigures,
} from '../../../../shared/domain/compare-stats';
import type { CompareCell } from '../../../../shared/domain/compare';

/**
 * One prompt's figures per pair, spelled exactly as the exports spell them (compare-stats'
 * formatters). Failures stay in their own row, with the cause. When the run reasoned, time to first
 * reasoning token and to first answer token follow TTFT.
 */
export function PromptTable({
  figures,
  reasoningCells,
}: {
  figures: PromptFigures;
  /** The prompt's cells by pair, given only when some answer of the run reasoned. */
  reasoningCells?: readonly (CompareCell | undefined)[] | undefined;
}) {
  const number = figures.promptIndex + 1;
  return (
    <div className="results-scroll">
      <table className="results-table">
        <caption>Prompt {number}: figures per backend</caption>
        <thead>
          <tr>
            <th scope="col">Backend</th>
            <th scope="col">Status</th>
            <th scope="col">TTFT (ms)</th>
            {reasoningCells && (
              <>
                <th scope="col">TTFR (ms)</th>
                <th scope="col">TTFA (ms)</th>
              </>
            )}
            <th scope="col">Total (ms)</th>
            <th scope="col">Tokens/s</th>
            <th scope="col">Completion tokens</th>
            <th scope="col">Finish reason</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {figures.cells.map((cell) => (
            <tr key={cell.pairIndex} data-status={cell.status}>
              <th scope="row">{cell.label}</th>
              <td>{formatStatus(cell.status)}</td>
              <td className="num">{formatMs(cell.ttftMs)}</td>
              {reasoningCells && (
                <>
                  <td className="num">{formatMs(reasoningCells[cell.pairIndex]?.metrics?.ttfrMs)}</td>
                  <td className="num">{formatMs(reasoningCells[cell.pairIndex]?.metrics?.ttfaMs)}</td>
                </>
              )}
              <td className="num">{formatMs(cell.totalMs)}</td>
              <td className="num">{formatRate(cell.tokensPerSecond)}</td>
              <td
                className="num"
                title={cell.usageEstimated ? 'Estimated: the server reported no usage' : undefined}
              >
                {formatCount(cell.completionTokens, cell.usageEstimated)}
              </td>
              <td>{cell.finishReason ?? MISSING}</td>
              <td className="results-error">{cell.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
