import type { CSSProperties } from 'react';
import type { CompareRun } from '../../../../shared/domain/compare';
import { cellAt } from '../../state/compare/compare-run-ops';
import { CompareCellView } from './CompareCellView';

/** Per prompt, a row of columns, one per backend, the answers streaming in side by side. */
export function RunAnswers({ run }: { run: CompareRun }) {
  return (
    <section className="run-answers" aria-label="Answers">
      {run.prompts.map((prompt, promptIndex) => (
        <section
          key={promptIndex}
          className="prompt-answers"
          aria-labelledby={`prompt-${run.id}-${promptIndex}`}
          data-prompt={promptIndex + 1}
        >
          <h3 id={`prompt-${run.id}-${promptIndex}`} className="compare-subtitle">
            Prompt {promptIndex + 1}
          </h3>
          <blockquote className="prompt-text">{prompt}</blockquote>
          <div className="answer-columns" style={{ '--columns': run.pairs.length } as CSSProperties}>
            {run.pairs.map((pair, pairIndex) => (
              <CompareCellView
                key={pairIndex}
                cell={cellAt(run, promptIndex, pairIndex)}
                label={pair.label}
              />
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
