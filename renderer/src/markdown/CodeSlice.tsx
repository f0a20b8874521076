import { Fragment, memo, type CSSProperties, type ReactNode } from 'react';
import { bidiMarkerPattern } from '../../../shared/domain/bidi-controls';
import type { CodeLine } from './code-lines';
import { markerTitle } from './rehype-bidi-markers';
import { CODE_CHUNK_LINES } from './render-limits';

/** Text with the markers sanitizeText put in place of bidirectional controls made to stand out. */
function withMarkers(text: string): ReactNode {
  if (!text.includes('⟨U+')) return text;
  const out: ReactNode[] = [];
  let from = 0;
  for (const match of text.matchAll(bidiMarkerPattern())) {
    if (match.index > from) out.push(text.slice(from, match.index));
    out.push(
      <span key={match.index} className="bidi-marker" title={markerTitle}>
        {match[0]}
      </span>,
    );
    from = match.index + match[0].length;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < text.length - 1; at = text.indexOf('\n', at + 1))
    count++;
  return count;
}

/**
 * Off-screen slices skip layout and paint (`content-visibility: auto`), sized meanwhile by their
 * line count; `max-content` keeps long lines scrolling sideways instead of being clipped.
 */
function sliceStyle(lines: number): CSSProperties {
  return {
    display: 'block',
    width: 'max-content',
    minWidth: '100%',
    contentVisibility: 'auto',
    containIntrinsicBlockSize: `auto ${lines * 1.5}em`,
  };
}

function renderLines(lines: readonly CodeLine[], endsWithNewline: boolean): ReactNode[] {
  const out: ReactNode[] = [];
  lines.forEach((line, index) => {
    line.forEach(([className, text], run) => {
      const key = `${index}.${run}`;
      out.push(
        className ? (
          <span key={key} className={className}>
            {withMarkers(text)}
          </span>
        ) : (
          <Fragment key={key}>{withMarkers(text)}</Fragment>
        ),
      );
    });
    if (index < lines.length - 1 || (endsWithNewline && lines.length === CODE_CHUNK_LINES)) out.push('\n');
  });
  return out;
}

/**
 * A slice of a code block: plain text (one text node) or, once highlighted, its lines of runs.
 * Memoised on its text and lines, so a growing block re-renders only its last slice.
 */
export const CodeSlice = memo(
  function CodeSliceView({ text, lines }: { text: string; lines?: readonly CodeLine[] | undefined }) {
    return (
      <span className="code-slice" style={sliceStyle(lineCount(text))}>
        {lines ? renderLines(lines, text.endsWith('\n')) : withMarkers(text)}
      </span>
    );
  },
  (before, after) => before.text === after.text && before.lines === after.lines,
);
