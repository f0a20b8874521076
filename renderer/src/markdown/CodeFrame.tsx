import type { ReactNode } from 'react';
import { CopyCodeButton } from './CopyCodeButton';

/** A code block's frame: its language, a note when it is shown differently (too large), and Copy. */
export function CodeFrame({
  language,
  note,
  getText,
  children,
}: {
  language: string | undefined;
  note?: string | undefined;
  getText: () => string;
  children: ReactNode;
}) {
  return (
    <div className="code-block">
      <div className="code-block-bar">
        <span className="code-language">{language ?? 'text'}</span>
        {note && (
          <span className="code-note" role="note">
            {note}
          </span>
        )}
        <CopyCodeButton getText={getText} />
      </div>
      {children}
    </div>
  );
}
