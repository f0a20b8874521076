import { useId } from 'react';
import {
  DIFFERENCE_DEFINITION,
  formatCount,
  formatDeltaMs,
  formatDeltaRate,
  formatMs,
  formatRate,
  formatRatio,
  type RunFigures,
} from '../../../../shared/domain/compare-stats';
import type { CompareRun } from '../../../../shared/domain/compare';
import { pairReasoningFigures } from '../../format/compare-reasoning';

/**
 * Over all prompts: per backend the answers that finished, failed or were cancelled, and mean and
 * median of each figure (over finished answers), with time to first reasoning and answer token when
 * the run reasoned; then each backend against the first.
 */
export function OverallTables({
  figures,
  reasoningRun,
}: {
  figures: RunFigures;
  /** The run, given only when some answer reasoned. */
  reasoningRun?: CompareRun | undefined;
}) {
  const baseline = figures.overall[figures.baselinePairIndex];
  const noteId = useId();
  return (
    <>
      <div className="results-scroll">
        <table className="results-table results-overall">
          <caption>Overall: all prompts</caption>
          <thead>
            <tr>
              <th scope="col">Backend</th>
              <th scope="col">OK</th>
              <th scope="col">Failed</th>
              <th scope="col">Cancelled</th>
              <th scope="col">TTFT mean (ms)</th>
              <th scope="col">TTFT median (ms)</th>
              {reasoningRun && (
                <>
                  <th scope="col">TTFR median (ms)</th>
                  <th scope="col">TTFA median (ms)</th>
                </>
              )}
              <th scope="col">Total mean (ms)</th>
              <th scope="col">Total median (ms)</th>
              <th scope="col">Tokens/s mean</th>
              <th scope="col">Tokens/s median</th>
              <th scope="col">Completion tokens mean</th>
              <th scope="col">Completion tokens median</th>
            </tr>
          </thead>
          <tbody>
            {figures.overall.map((pair) => {
              const reasoning = reasoningRun && pairReasoningFigures(reasoningRun, pair.pairIndex);
              return (
                <tr key={pair.pairIndex}>
                  <th scope="row">{pair.label}</th>
                  <td className="num">{pair.completed}</td>
                  <td className="num">{pair.failed}</td>
                  <td className="num">{pair.cancelled}</td>
                  <td className="num">{formatMs(pair.ttftMs.mean)}</td>
                  <td className="num">{formatMs(pair.ttftMs.median)}</td>
                  {reasoning && (
                    <>
                      <td className="num">{formatMs(reasoning.ttfrMs.median)}</td>
                      <td className="num">{formatMs(reasoning.ttfaMs.median)}</td>
                    </>
                  )}
                  <td className="num">{formatMs(pair.totalMs.mean)}</td>
                  <td className="num">{formatMs(pair.totalMs.median)}</td>
                  <td className="num">{formatRate(pair.tokensPerSecond.mean)}</td>
                  <td className="num">{formatRate(pair.tokensPerSecond.median)}</td>
                  <td className="num">{formatCount(pair.completionTokens.mean)}</td>
                  <td className="num">{formatCount(pair.completionTokens.median)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {baseline && figures.differences.length > 0 && (
        <div className="results-scroll">
          <table className="results-table results-differences" aria-describedby={noteId}>
            <caption>Differences against {baseline.label}</caption>
            <thead>
              <tr>
                <th scope="col">Backend</th>
                <th scope="col">Δ TTFT median (ms)</th>
                <th scope="col">TTFT ratio</th>
                <th scope="col">Δ tokens/s median</th>
                <th scope="col">Tokens/s ratio</th>
              </tr>
            </thead>
            <tbody>
              {figures.differences.map((d) => (
                <tr key={d.pairIndex}>
                  <th scope="row">{d.label}</th>
                  <td className="num">{formatDeltaMs(d.ttftDeltaMs)}</td>
                  <td className="num">{formatRatio(d.ttftRatio)}</td>
                  <td className="num">{formatDeltaRate(d.tokensPerSecondDelta)}</td>
                  <td className="num">{formatRatio(d.tokensPerSecondRatio)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p id={noteId} className="field-hint">
            {DIFFERENCE_DEFINITION}
          </p>
        </div>
      )}
    </>
  );
}
