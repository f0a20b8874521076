import { common, createLowlight } from 'lowlight';
import { highlightedLines, type CodeLine } from './code-lines';

/**
 * The same highlighter and grammars rehype-highlight uses (lowlight over highlight.js's common
 * languages), called directly so code can be highlighted on its own schedule and painted in slices.
 */
const lowlight = createLowlight(common);

/** The fence's language when a grammar exists for it (no guessing: slow and often wrong). */
export function highlightLanguage(language: string | undefined): string | undefined {
  const name = language?.trim().split(/\s+/)[0]?.toLowerCase();
  return name && lowlight.registered(name) ? name : undefined;
}

export function highlightCode(code: string, language: string): CodeLine[] {
  return highlightedLines(lowlight.highlight(language, code));
}
