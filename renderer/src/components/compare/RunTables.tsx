import { memo, useMemo } from 'react';
import type { CompareRun } from '../../../../shared/domain/compare';
import { summariseRun } from '../../../../shared/domain/compare-stats';
import { promptCells, runReasoned } from '../../format/compare-reasoning';
import { OverallTables } from './OverallTables';
import { PromptTable } from './PromptTable';

/** The figures change only when an answer ends: streamed text alone does not re-render the tables. */
function sameFigures(before: { run: CompareRun }, after: { run: CompareRun }): boolean {
  const a = before.run;
  const b = after.run;
  if (a === b) return true;
  if (a.id !== b.id || a.status !== b.status || a.cells.length !== b.cells.length) return false;
  return a.cells.every((cell, index) => {
    const other = b.cells[index];
    return (
      other !== undefined && cell.status === other.status && (cell.status === 'streaming' || cell === other)
    );
  });
}

/** The results: one table per prompt and the overall tables, computed by compare-stats as the exports are. */
export const RunTables = memo(function RunTables({ run }: { run: CompareRun }) {
  const figures = useMemo(() => summariseRun(run), [run]);
  // TTFR/TTFA columns only for a run where some model reasoned.
  const reasoned = runReasoned(run);
  return (
    <section className="run-tables" aria-labelledby={`results-${run.id}`}>
      <h3 id={`results-${run.id}`} className="compare-subtitle">
        Results
      </h3>
      {figures.prompts.map((prompt) => (
        <PromptTable
          key={prompt.promptIndex}
          figures={prompt}
          reasoningCells={reasoned ? promptCells(run, prompt.promptIndex) : undefined}
        />
      ))}
      <OverallTables figures={figures} reasoningRun={reasoned ? run : undefined} />
    </section>
  );
}, sameFigures);
