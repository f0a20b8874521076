import { useEffect, useRef } from 'react';

/**
 * Shows a <dialog> modally while the component is mounted: the page behind is inert, the given
 * element (Cancel, so a stray Enter does nothing) gets focus, and on unmount focus returns to
 * whatever opened it, if that is still on screen.
 */
export function useModalDialog<T extends HTMLElement>() {
  const dialog = useRef<HTMLDialogElement>(null);
  const initialFocus = useRef<T>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!el.open) el.showModal();
    initialFocus.current?.focus();
    return () => {
      el.close();
      if (opener?.isConnected && opener.offsetParent !== null) opener.focus();
    };
  }, []);

  return { dialog, initialFocus };
}
