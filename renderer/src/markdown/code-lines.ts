import { CODE_CHUNK_LINES } from './render-limits';

/** Code cut into slices of CODE_CHUNK_LINES lines; each slice keeps its newline, so they join back exactly. */
export interface CodeChunks {
  code: string;
  chunks: string[];
  starts: number[];
}

/**
 * Slices code by lines. With `previous` (the slicing of a prefix, as while a block streams), the
 * full slices are kept as they are (same strings, so their components skip re-rendering) and only
 * the last slice onwards is cut again: the work per frame follows what arrived, not the block's size.
 */
export function chunkCode(code: string, previous?: CodeChunks): CodeChunks {
  let chunks: string[] = [];
  let starts: number[] = [];
  let from = 0;
  if (previous && previous.chunks.length > 1 && code.startsWith(previous.code)) {
    chunks = previous.chunks.slice(0, -1);
    starts = previous.starts.slice(0, -1);
    from = previous.starts[previous.starts.length - 1] ?? 0;
  }
  do {
    let end = from;
    for (let line = 0; line < CODE_CHUNK_LINES; line++) {
      const newline = code.indexOf('\n', end);
      if (newline === -1) {
        end = code.length;
        break;
      }
      end = newline + 1;
    }
    starts.push(from);
    chunks.push(code.slice(from, end));
    from = end;
  } while (from < code.length);
  return { code, chunks, starts };
}

/** A few recent slicings, so a streaming block continues from the previous frame's (several may stream). */
const recent: CodeChunks[] = [];
const RECENT_LIMIT = 8;

export function chunkStreamingCode(code: string): CodeChunks {
  let previous: CodeChunks | undefined;
  for (const candidate of recent) {
    if (candidate.code === code) return candidate;
    if (code.startsWith(candidate.code) && candidate.code.length > (previous?.code.length ?? -1))
      previous = candidate;
  }
  const next = chunkCode(code, previous);
  if (previous) recent.splice(recent.indexOf(previous), 1);
  recent.unshift(next);
  if (recent.length > RECENT_LIMIT) recent.length = RECENT_LIMIT;
  return next;
}

/** One run of highlighted text: its `hljs-*` classes ('' for none) and its text, on one line. */
export type CodeRun = readonly [className: string, text: string];
export type CodeLine = readonly CodeRun[];

/** The parts of a hast tree lowlight produces that matter here (kept structural: no hast import). */
interface HighlightNode {
  type: string;
  value?: string;
  properties?: { className?: unknown };
  children?: HighlightNode[];
}

/**
 * A highlighted tree as lines of runs: spans that cross a line break are cut there, so any range of
 * lines can be painted on its own (a slice at a time) and still read exactly as the code.
 */
export function highlightedLines(root: HighlightNode): CodeLine[] {
  const lines: CodeRun[][] = [[]];
  const walk = (node: HighlightNode, className: string) => {
    if (node.type === 'text' && node.value !== undefined) {
      const pieces = node.value.split('\n');
      pieces.forEach((piece, index) => {
        if (index > 0) lines.push([]);
        if (piece) lines[lines.length - 1]?.push([className, piece]);
      });
      return;
    }
    const own = node.properties?.className;
    const classes = Array.isArray(own) ? own.join(' ') : '';
    const inner = classes ? (className ? `${className} ${classes}` : classes) : className;
    for (const child of node.children ?? []) walk(child, inner);
  };
  walk(root, '');
  return lines;
}
