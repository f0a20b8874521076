import { snippetParts } from '../../state/library/library-format';

/** A snippet with its match in a <mark> (plain text: React escapes it). */
export function HighlightedText({ text, start, length }: { text: string; start: number; length: number }) {
  const { before, match, after } = snippetParts(text, start, length);
  return (
    <>
      {before}
      {match && <mark>{match}</mark>}
      {after}
    </>
  );
}
