import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const labels: Record<CopyState, string> = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' };

/**
 * A copy-to-clipboard button: its accessible name stays the same (`name`), the visible label says
 * "Copied" for two seconds, and the outcome is announced in a status region.
 */
export function CopyButton({
  name,
  className,
  getText,
  announce,
}: {
  name: string;
  className: string;
  getText: () => string;
  announce: { copied: string; failed: string };
}) {
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
        className={className}
        aria-label={name}
        data-state={state}
        onClick={() => void copy()}
      >
        {labels[state]}
      </button>
      <span role="status" className="visually-hidden">
        {state === 'idle' ? '' : announce[state]}
      </span>
    </>
  );
}
