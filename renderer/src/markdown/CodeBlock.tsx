import { useRef, type ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';
import { codeLanguage } from './code-language';
import { CopyCodeButton } from './CopyCodeButton';

/** A fenced code block with its language and a Copy button; the text copied is what is shown. */
export function CodeBlock({ node, children }: ComponentProps<'pre'> & ExtraProps) {
  const pre = useRef<HTMLPreElement>(null);
  const language = codeLanguage(node);
  return (
    <div className="code-block">
      <div className="code-block-bar">
        <span className="code-language">{language ?? 'text'}</span>
        <CopyCodeButton getText={() => pre.current?.textContent ?? ''} />
      </div>
      <pre ref={pre}>{children}</pre>
    </div>
  );
}
