import { useEffect, useMemo, useState } from 'react';
import { FencedCode } from './FencedCode';
import { limitNesting } from './limit-nesting';
import { MarkdownBlock } from './MarkdownBlock';
import { formattingCost } from './formatting-cost';
import { frameBudgetLeft, spendFrameBudget } from './frame-budget';
import { COST_PER_FRAME, SYNC_HIGHLIGHT_CHARS, LIST_CHUNK_ITEMS, MAX_NESTING } from './render-limits';
import { sanitizeText } from './sanitize-text';
import { splitBlocks, splitStreamingBlocks, type CodeSource, type MarkdownBlockSource } from './split-blocks';

/** What one memoised component renders: markdown source, or a top-level code block. */
export type RenderUnit = { key: string; cost: number } & (
  { kind: 'markdown'; source: string } | { kind: 'code'; code: CodeSource; growing: boolean }
);

/** Reference-style links ([text][ref]) need their definitions in the same document; code never does. */
function needsDefinitions(type: string, raw: string, definitions: string): boolean {
  return definitions.length > 0 && type !== 'code' && raw.includes('[');
}

/**
 * The blocks as render units: a code block is `FencedCode`; a long list becomes runs of
 * LIST_CHUNK_ITEMS items (an ordered run starts at its own number), so formatting it is several
 * small tasks and a growing list re-formats only its last run.
 */
export function renderUnits(
  blocks: MarkdownBlockSource[],
  definitions: string,
  streaming: boolean,
): RenderUnit[] {
  const units: RenderUnit[] = [];
  const markdown = (key: string, type: string, raw: string): RenderUnit => {
    const source = needsDefinitions(type, raw, definitions) ? `${raw}\n\n${definitions}` : raw;
    return { key, cost: formattingCost(source), kind: 'markdown', source };
  };
  blocks.forEach((block, index) => {
    if (block.type === 'def') return;
    if (block.code) {
      const growing = streaming && index === blocks.length - 1 && !block.code.closed;
      // Code mounts a slice at a time by itself; at most small code is highlighted while mounting.
      const cost = Math.min(block.code.text.length, SYNC_HIGHLIGHT_CHARS);
      units.push({ key: String(index), cost, kind: 'code', code: block.code, growing });
    } else if (block.items) {
      for (let from = 0; from < block.items.length; from += LIST_CHUNK_ITEMS) {
        const raw = block.items.slice(from, from + LIST_CHUNK_ITEMS).join('');
        units.push(markdown(`${index}.${from}`, block.type, raw));
      }
    } else units.push(markdown(String(index), block.type, block.raw));
  });
  return units;
}

/** Where the units `budget` affords, from `from`, end (at least one unit). */
export function unitsWithin(units: RenderUnit[], from: number, budget = COST_PER_FRAME): number {
  let cost = 0;
  let end = from;
  for (let unit = units[end]; unit && (end === from || cost + unit.cost <= budget); unit = units[++end])
    cost += unit.cost;
  return end;
}

/** Mounts up to what is left of this frame's shared budget (at least one unit) and spends it. */
function mountFrom(units: RenderUnit[], from: number): number {
  const end = unitsWithin(units, from, frameBudgetLeft());
  spendFrameBudget(units.slice(from, end).reduce((sum, unit) => sum + unit.cost, 0));
  return end;
}

/**
 * Markdown that may still be growing. The text is split into top-level blocks (marked's lexer),
 * each rendered by a memoised component keyed by position: while a reply streams, only the last
 * block's source changes, so only it re-renders. When streaming ends the text is split once more
 * from scratch, in case the incremental split drifted. Nesting beyond MAX_NESTING is flattened
 * first; code blocks are sliced and highlighted off the main thread when large (`FencedCode`); a
 * long reply is mounted a frame's budget of blocks at a time, so opening it is never one long task.
 */
export function StreamingMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const split = useMemo(() => {
    const limited = limitNesting(sanitizeText(text));
    const blocks = streaming ? splitStreamingBlocks(limited.text) : splitBlocks(limited.text);
    return {
      units: renderUnits(blocks.blocks, blocks.definitions, streaming),
      flattened: limited.flattened,
    };
  }, [text, streaming]);
  const { units } = split;

  const [mounted, setMounted] = useState(() => mountFrom(units, 0));
  useEffect(() => {
    if (mounted >= units.length) return;
    const frame = requestAnimationFrame(() => setMounted(mountFrom(units, mounted)));
    return () => cancelAnimationFrame(frame);
  }, [mounted, units]);

  return (
    <div className="markdown" data-render={mounted >= units.length ? 'done' : 'pending'}>
      {split.flattened && (
        <p className="badge markdown-note" role="note">
          Lists or quotes nested more than {MAX_NESTING} levels deep are shown flattened at that depth.
        </p>
      )}
      {units.slice(0, mounted).map((unit) =>
        unit.kind === 'code' ? (
          <div key={unit.key} className="md-block">
            <FencedCode code={unit.code.text} language={unit.code.lang} growing={unit.growing} />
          </div>
        ) : (
          <MarkdownBlock key={unit.key} source={unit.source} />
        ),
      )}
    </div>
  );
}
