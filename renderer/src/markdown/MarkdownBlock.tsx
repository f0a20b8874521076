import { memo } from 'react';
import Markdown from 'react-markdown';
import { markdownOptions } from './markdown-options';

function MarkdownBlockView({ source }: { source: string }) {
  // Counted for the benchmark and the test that proves finished blocks are not re-rendered.
  const stats = (globalThis.__assistantRenderStats ??= { commits: 0, blockRenders: 0 });
  stats.blockRenders++;
  return (
    <div className="md-block">
      <Markdown {...markdownOptions}>{source}</Markdown>
    </div>
  );
}

/** One top-level block. Re-renders only when its own source changes, so finished blocks stay put while the tail grows. */
export const MarkdownBlock = memo(MarkdownBlockView, (before, after) => before.source === after.source);
