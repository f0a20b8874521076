import type { ExtraProps } from 'react-markdown';
import { bidiMarkerPattern } from '../../../shared/domain/bidi-controls';

type HastElement = NonNullable<ExtraProps['node']>;
type HastChild = HastElement['children'][number];
type HastText = Extract<HastChild, { type: 'text' }>;
/** The root or an element: what has children (the root's extra kinds, like doctype, are left alone). */
interface HastParent {
  children: HastChild[];
}

export const markerTitle =
  'A hidden text-direction control was here; it is shown instead of reordering the text.';

/**
 * Styles the visible markers `sanitizeText` put in place of bidirectional controls (`⟨U+202E⟩`), so
 * they stand out from the text around them and explain themselves on hover. Runs after
 * highlighting, so markers inside code are marked too.
 */
export function rehypeBidiMarkers() {
  return (tree: HastParent) => {
    mark(tree);
  };
}

function mark(parent: HastParent): void {
  const next: HastChild[] = [];
  let changed = false;
  for (const child of parent.children) {
    if (child.type === 'text' && child.value.includes('⟨U+')) {
      const pieces = split(child);
      changed ||= pieces.length !== 1 || pieces[0] !== child;
      next.push(...pieces);
    } else {
      if (child.type === 'element') mark(child);
      next.push(child);
    }
  }
  if (changed) parent.children = next;
}

function split(text: HastText): HastChild[] {
  const out: HastChild[] = [];
  let from = 0;
  for (const match of text.value.matchAll(bidiMarkerPattern())) {
    if (match.index > from) out.push({ type: 'text', value: text.value.slice(from, match.index) });
    out.push({
      type: 'element',
      tagName: 'span',
      properties: { className: ['bidi-marker'], title: markerTitle },
      children: [{ type: 'text', value: match[0] }],
    });
    from = match.index + match[0].length;
  }
  if (from === 0) return [text];
  if (from < text.value.length) out.push({ type: 'text', value: text.value.slice(from) });
  return out;
}
