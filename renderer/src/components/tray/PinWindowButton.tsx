import { useState } from 'react';
import { useDesktop, useDesktopState } from '../../state/desktop/desktop-context';

/** Keeps the tray window open when it loses focus (the `trayPinned` preference, shared with the shell). */
export function PinWindowButton() {
  const desktop = useDesktop();
  const pinned = useDesktopState((s) => s.view?.prefs.trayPinned);
  /** The state asked for, shown until the host answers. */
  const [pending, setPending] = useState<boolean>();
  const [error, setError] = useState<string>();
  const shown = pending ?? pinned ?? false;

  const toggle = async () => {
    const next = !shown;
    setPending(next);
    setError(undefined);
    const updated = await desktop.update({ trayPinned: next });
    setPending(undefined);
    if (!updated.ok) setError(`The window was not ${next ? 'pinned' : 'unpinned'}: ${updated.error.message}`);
  };

  return (
    <>
      <button
        type="button"
        className="icon-button pin-button"
        aria-label="Pin window"
        aria-pressed={shown}
        title={shown ? 'Pinned: stays open when you click elsewhere' : 'Pin: keep this window open'}
        disabled={pinned === undefined}
        onClick={() => void toggle()}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M6 2.5h4M7 2.5v4L4.5 9h7L9 6.5v-4M8 9v4.5" />
        </svg>
      </button>
      {error && (
        <p className="tray-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
