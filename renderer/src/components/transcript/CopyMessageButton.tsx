import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const labels: Record<CopyState, string> = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' };
const said: Record<CopyState, string> = {
  idle: '',
  copied: 'Message copied',
  failed: 'The message could not be copied',
};

/** Copies a message as written (a reply's raw markdown); says "Copied" on the button and to screen readers. */
export function CopyMessageButton({ text }: { text: string }) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <>
      <button
        type="button"
        className="message-action"
        aria-label="Copy message"
        data-state={state}
        onClick={() => void copy()}
      >
        {labels[state]}
      </button>
      <span role="status" className="visually-hidden">
        {said[state]}
      </span>
    </>
  );
}
