import { memo, useEffect, useMemo, useState } from 'react';
import { chunkCode, chunkStreamingCode, type CodeLine } from './code-lines';
import { CodeFrame } from './CodeFrame';
import { CodeSlice } from './CodeSlice';
import { highlightCode, highlightLanguage } from './highlight-code';
import { highlightInBackground } from './highlight-client';
import {
  CODE_CHUNK_LINES,
  formatSize,
  MAX_HIGHLIGHT_CHARS,
  PLAIN_CHUNKS_PER_FRAME,
  SYNC_HIGHLIGHT_CHARS,
} from './render-limits';

type Plan = 'plain' | 'now' | 'background' | 'too-large';

/**
 * How a block is highlighted: not while it grows (each frame would highlight it again; it is
 * highlighted once its fence closes), at once when small, in a worker when large, and not at all
 * beyond MAX_HIGHLIGHT_CHARS.
 */
export function highlightPlan(code: string, language: string | undefined, growing: boolean): Plan {
  if (growing || !language) return 'plain';
  if (code.length <= SYNC_HIGHLIGHT_CHARS) return 'now';
  return code.length <= MAX_HIGHLIGHT_CHARS ? 'background' : 'too-large';
}

function sliceLines(lines: CodeLine[]): CodeLine[][] {
  const slices: CodeLine[][] = [];
  for (let from = 0; from < lines.length; from += CODE_CHUNK_LINES)
    slices.push(lines.slice(from, from + CODE_CHUNK_LINES));
  return slices;
}

interface Progress {
  /** The code this progress is for: a new text starts over. */
  code: string;
  /** Highlighted slices received from the worker, by index. */
  received: (CodeLine[] | undefined)[];
  /** Slices painted highlighted so far (a prefix, one more per frame). */
  painted: number;
  failed: boolean;
}

/**
 * A top-level fenced code block, rendered from marked's token rather than through react-markdown.
 * It goes into the page a few slices of lines per frame (a 2,000-line reply shows its first lines
 * at once and the rest within frames), a growing block re-renders only its last slice, and large
 * code is highlighted in a worker and painted one slice per frame. Copy copies the whole code,
 * whether or not every slice is in the page yet.
 */
function FencedCodeView({
  code,
  language,
  growing,
}: {
  code: string;
  language: string | undefined;
  growing: boolean;
}) {
  const stats = (globalThis.__assistantRenderStats ??= { commits: 0, blockRenders: 0 });
  stats.blockRenders++;
  const grammar = highlightLanguage(language);
  const plan = highlightPlan(code, grammar, growing);
  const sliced = useMemo(() => (growing ? chunkStreamingCode(code) : chunkCode(code)), [code, growing]);
  const now = useMemo(
    () => (plan === 'now' && grammar ? sliceLines(highlightCode(code, grammar)) : undefined),
    [plan, grammar, code],
  );

  const [progress, setProgress] = useState<Progress | undefined>();
  const current = progress?.code === code ? progress : undefined;
  useEffect(() => {
    if (plan !== 'background' || !grammar) return;
    const update = (change: (p: Progress) => Progress) =>
      setProgress((p) => change(p?.code === code ? p : { code, received: [], painted: 0, failed: false }));
    return highlightInBackground(code, grammar, {
      slice: (index, lines) =>
        update((p) => {
          const received = [...p.received];
          received[index] = lines;
          return { ...p, received };
        }),
      failed: () => update((p) => ({ ...p, failed: true })),
    });
  }, [plan, grammar, code]);

  const total = sliced.chunks.length;
  const [revealed, setRevealed] = useState(1);
  const painted = current?.painted ?? 0;
  const paintNext = current !== undefined && painted < revealed && current.received[painted] !== undefined;
  // One step per frame: more plain slices, and one more slice painted highlighted.
  useEffect(() => {
    if (revealed >= total && !paintNext) return;
    const frame = requestAnimationFrame(() => {
      if (revealed < total) setRevealed((r) => Math.min(total, r + PLAIN_CHUNKS_PER_FRAME));
      if (paintNext) setProgress((p) => (p && p.code === code ? { ...p, painted: p.painted + 1 } : p));
    });
    return () => cancelAnimationFrame(frame);
  }, [revealed, total, paintNext, painted, code]);

  const note =
    plan === 'too-large'
      ? `Not highlighted: ${formatSize(code.length)} (highlighting stops at ${formatSize(MAX_HIGHLIGHT_CHARS)})`
      : current?.failed
        ? 'Not highlighted: large code is highlighted in the background, which is unavailable here'
        : undefined;
  // For tests and the benchmark: every slice is in the page, highlighted where it will be.
  const settled =
    revealed >= total && (plan !== 'background' || current?.failed === true || painted >= total);
  const highlighted = plan === 'now' || (plan === 'background' && painted > 0);
  const languageClass = grammar ?? language?.trim().split(/\s+/)[0];

  return (
    <CodeFrame language={languageClass} note={note} getText={() => code}>
      <pre>
        <code
          className={
            [highlighted ? 'hljs' : '', languageClass ? `language-${languageClass}` : ''].join(' ').trim() ||
            undefined
          }
          data-render={settled ? 'done' : 'pending'}
        >
          {sliced.chunks.slice(0, Math.min(revealed, total)).map((text, index) => (
            <CodeSlice
              key={index}
              text={text}
              lines={now?.[index] ?? (index < painted ? current?.received[index] : undefined)}
            />
          ))}
        </code>
      </pre>
    </CodeFrame>
  );
}

export const FencedCode = memo(
  FencedCodeView,
  (before, after) =>
    before.code === after.code && before.language === after.language && before.growing === after.growing,
);
