import { revealBidiControls } from '../../../shared/domain/bidi-controls';

/**
 * Model output is untrusted text. Before it reaches the markdown parser: normalise line endings,
 * drop C0/C1 control characters (except tab and newline) that could hide or reorder text, turn
 * lone UTF-16 surrogates (from a split or broken stream) into U+FFFD so the DOM never holds an
 * ill-formed string, and show bidirectional controls as visible markers (`⟨U+202E⟩`) instead of
 * letting them reorder what is displayed: link text, code and prose then read as they really are
 * (why shown rather than stripped: see shared/domain/bidi-controls.ts). U+FFFD itself passes
 * through: it is the honest sign of a decoding problem.
 */
const lineBreaks = /\r\n?/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function sanitizeText(text: string): string {
  return revealBidiControls(
    text.replace(lineBreaks, '\n').replace(controls, '').replace(loneSurrogates, '\uFFFD'),
  );
}
