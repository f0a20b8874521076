import { memo } from 'react';
import Markdown from 'react-markdown';
import { markdownOptions } from './markdown-options';

function MarkdownBlockView({ source }: { source: string }) {
  return (
    <div className="md-block">
      <Markdown {...markdownOptions}>{source}</Markdown>
    </div>
  );
}

/** One top-level block. Re-renders only when its own source changes, so finished blocks stay put while the tail grows. */
export const MarkdownBlock = memo(MarkdownBlockView, (before, after) => before.source === after.source);
