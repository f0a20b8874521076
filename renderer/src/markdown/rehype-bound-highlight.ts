import type { ExtraProps } from 'react-markdown';
import { SYNC_HIGHLIGHT_CHARS } from './render-limits';

type HastElement = NonNullable<ExtraProps['node']>;
type HastChild = HastElement['children'][number];
interface HastParent {
  children: HastChild[];
}

function textLength(node: HastChild): number {
  if (node.type === 'text') return node.value.length;
  return 'children' in node ? node.children.reduce((sum, child) => sum + textLength(child), 0) : 0;
}

/**
 * Runs before rehype-highlight: code inside other markdown (a list item, a quote) larger than
 * SYNC_HIGHLIGHT_CHARS gets the `no-highlight` class, which rehype-highlight honours, so one block
 * cannot hold the main thread while it is highlighted. Top-level code is `FencedCode`'s, which
 * highlights large code in a worker instead.
 */
export function rehypeBoundHighlight() {
  return (tree: HastParent) => {
    visit(tree);
  };
}

function visit(parent: HastParent): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'code' && textLength(child) > SYNC_HIGHLIGHT_CHARS) {
      const classes = child.properties.className;
      const list = Array.isArray(classes) ? classes : classes ? [String(classes)] : [];
      child.properties.className = [...list, 'no-highlight'];
    } else visit(child);
  }
}
