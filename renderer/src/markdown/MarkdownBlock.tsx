import { memo } from 'react';
import Markdown from 'react-markdown';
import { markdownOptions } from './markdown-options';
import { formattingCost, tooCostlyToFormat } from './formatting-cost';
import { formatSize } from './render-limits';

const plainStyle = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

function MarkdownBlockView({ source }: { source: string }) {
  // Counted for the benchmark and the test that proves finished blocks are not re-rendered.
  const stats = (globalThis.__assistantRenderStats ??= { commits: 0, blockRenders: 0 });
  stats.blockRenders++;
  if (tooCostlyToFormat(source))
    return (
      <div className="md-block">
        <p className="badge markdown-note" role="note" data-cost={formattingCost(source)}>
          Shown as plain text: this block ({formatSize(source.length)}) has too much structure to format
          without holding up the window.
        </p>
        <div style={plainStyle}>{source}</div>
      </div>
    );
  return (
    <div className="md-block">
      <Markdown {...markdownOptions}>{source}</Markdown>
    </div>
  );
}

/** One top-level block. Re-renders only when its own source changes, so finished blocks stay put while the tail grows. */
export const MarkdownBlock = memo(MarkdownBlockView, (before, after) => before.source === after.source);
