/**
 * Bidirectional-text controls: invisible characters that reorder the text around them. In untrusted
 * text (model output, imported titles, a server's error) they can make `moc.elpmaxe//:sptth` display
 * as `https://example.com`, or make code read differently from what it does ("Trojan Source").
 *
 * They are made visible rather than stripped: stripping would silently change what the model said
 * (and could itself change how the rest reads), while a visible `⟨U+202E⟩` shows the user exactly
 * that something tried to reorder the text, and where. The cost is that right-to-left text which
 * legitimately uses marks (U+200E, U+200F, U+061C) shows them too; reading order stays correct
 * without them, because the browser's own bidi algorithm still applies to the letters.
 */

/** U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069. */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function hasBidiControls(text: string): boolean {
  bidiControls.lastIndex = 0;
  return bidiControls.test(text);
}

/** The visible stand-in for one control, e.g. `⟨U+202E⟩`. */
export function bidiMarker(control: string): string {
  const code = control.codePointAt(0) ?? 0;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Matches a marker `bidiMarker` made, so display code can style it. */
export const bidiMarkerPattern = /⟨U\+(?:061C|200E|200F|202[A-E]|206[6-9])⟩/g;

/** Every bidirectional control replaced by its visible marker; other text unchanged. */
export function revealBidiControls(text: string): string {
  return text.replace(bidiControls, bidiMarker);
}
