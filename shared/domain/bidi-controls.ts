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
const controlClass = '[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]';
const markerSource = '⟨U\\+(?:061C|200E|200F|202[A-E]|206[6-9])⟩';
// Stateless (no /g) for tests, so no caller can leave a lastIndex behind for another.
const anyControl = new RegExp(controlClass);
const anyMarker = new RegExp(markerSource);

export function hasBidiControls(text: string): boolean {
  return anyControl.test(text);
}

/** Whether the text holds a marker `bidiMarker` made (the control it stood for was shown). */
export function hasBidiMarkers(text: string): boolean {
  return anyMarker.test(text);
}

/** A fresh global pattern of the markers, for `matchAll` or `split` by display code. */
export function bidiMarkerPattern(): RegExp {
  return new RegExp(markerSource, 'g');
}

/** The visible stand-in for one control, e.g. `⟨U+202E⟩`. */
export function bidiMarker(control: string): string {
  const code = control.codePointAt(0) ?? 0;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Every bidirectional control replaced by its visible marker; other text unchanged. */
export function revealBidiControls(text: string): string {
  return text.replace(new RegExp(controlClass, 'g'), bidiMarker);
}
