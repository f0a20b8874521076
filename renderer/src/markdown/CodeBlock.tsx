import { useRef, type ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';
import { codeLanguage, highlightSkipped } from './code-language';
import { CodeFrame } from './CodeFrame';

/**
 * A fenced code block inside other markdown (a list item, a quote) with its language and a Copy
 * button; the text copied is what is shown. Top-level code blocks are `FencedCode`.
 */
export function CodeBlock({ node, children }: ComponentProps<'pre'> & ExtraProps) {
  const pre = useRef<HTMLPreElement>(null);
  return (
    <CodeFrame
      language={codeLanguage(node)}
      note={highlightSkipped(node) ? 'Not highlighted: too large' : undefined}
      getText={() => pre.current?.textContent ?? ''}
    >
      <pre ref={pre}>{children}</pre>
    </CodeFrame>
  );
}
