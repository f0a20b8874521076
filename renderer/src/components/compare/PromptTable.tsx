import {
  formatCount,
  formatMs,
  formatRate,
  formatStatus,
  MISSING,
  type PromptFigures,
} from '../../../../shared/domain/compare-stats';

/**
 * One prompt's figures per pair, spelled exactly as the exports spell them (compare-stats'
 * formatters). Failures stay in their own row, with the cause.
 */
export function PromptTable({ figures }: { figures: PromptFigures }) {
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
