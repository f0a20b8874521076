import { useMemo } from 'react';
import { MarkdownBlock } from './MarkdownBlock';
import { sanitizeText } from './sanitize-text';
import { splitBlocks, splitStreamingBlocks } from './split-blocks';

/**
 * Markdown that may still be growing. The text is split into top-level blocks (marked's lexer),
 * each rendered by a memoised component keyed by position: while a reply streams, only the last
 * block's source changes, so only it re-renders. When streaming ends the text is split once more
 * from scratch, in case the incremental split drifted.
 */
/** Reference-style links ([text][ref]) need their definitions in the same document; code never does. */
function needsDefinitions(type: string, raw: string, definitions: string): boolean {
  return definitions.length > 0 && type !== 'code' && raw.includes('[');
}

export function StreamingMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const split = useMemo(() => {
    const clean = sanitizeText(text);
    return streaming ? splitStreamingBlocks(clean) : splitBlocks(clean);
  }, [text, streaming]);

  return (
    <div className="markdown">
      {split.blocks.map((block, index) =>
        block.type === 'def' ? null : (
          <MarkdownBlock
            key={index}
            source={
              needsDefinitions(block.type, block.raw, split.definitions)
                ? `${block.raw}\n\n${split.definitions}`
                : block.raw
            }
          />
        ),
      )}
    </div>
  );
}
