import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const labels: Record<CopyState, string> = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' };

/** Copies a code block; the name stays "Copy code" and the outcome is announced in a status region. */
export function CopyCodeButton({ getText }: { getText: () => string }) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(getText());
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <>
      <button
        type="button"
        className="copy-button"
        aria-label="Copy code"
        data-state={state}
        onClick={() => void copy()}
      >
        {labels[state]}
      </button>
      <span role="status" className="visually-hidden">
        {state === 'copied' ? 'Code copied' : state === 'failed' ? 'The code could not be copied' : ''}
      </span>
    </>
  );
}
