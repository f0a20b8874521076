import type { Components, Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock';
import { ImageAsLink } from './ImageAsLink';
import { rehypeBidiMarkers } from './rehype-bidi-markers';
import { rehypeBoundHighlight } from './rehype-bound-highlight';
import { SafeLink } from './SafeLink';
import { ScrollableTable } from './ScrollableTable';
import { TaskCheckbox } from './TaskCheckbox';
import { safeUrl } from './url-policy';

/**
 * One shared, stable configuration for every block. No rehype-raw: raw HTML in model output is
 * shown as text. Highlighting only where the fence names a language (guessing is slow and often wrong),
 * and not for large code (rehype-bound-highlight.ts).
 * Bidirectional controls arrive as visible markers (sanitize-text.ts); `rehypeBidiMarkers` styles them.
 */
const components: Components = {
  a: SafeLink,
  img: ImageAsLink,
  pre: CodeBlock,
  input: TaskCheckbox,
  table: ScrollableTable,
};

export const markdownOptions: Readonly<Omit<Options, 'children'>> = {
  remarkPlugins: [remarkGfm],
  rehypePlugins: [rehypeBoundHighlight, [rehypeHighlight, { detect: false }], rehypeBidiMarkers],
  components,
  urlTransform: (url) => safeUrl(url),
};
