/**
 * A message's text split at its `code` spans (error fixes quote commands that way, e.g.
 * "Start it with `ollama serve`"), so the card shows them as code instead of literal backticks.
 * A lone or unclosed backtick stays text. Pure: the component maps the pieces to elements.
 */
export type TextPiece = { code: boolean; text: string };

export function inlineCodePieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  const span = /`([^`\n]+)`/g;
  let at = 0;
  for (const match of text.matchAll(span)) {
    const start = match.index;
    if (start > at) pieces.push({ code: false, text: text.slice(at, start) });
    pieces.push({ code: true, text: match[1]! });
    at = start + match[0].length;
  }
  if (at < text.length) pieces.push({ code: false, text: text.slice(at) });
  return pieces;
}
