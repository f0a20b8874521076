import { useEffect, type FocusEvent, type KeyboardEvent } from 'react';
import { useController } from '../../state/controller-context';
import { canUndo, toastText } from '../../state/library/library-toast';
import { useLibrary, useLibraryState } from '../../state/library/use-library';

const isTextField = (element: Element | null): boolean =>
  element instanceof HTMLElement &&
  (element.isContentEditable || element.tagName === 'INPUT' || element.tagName === 'TEXTAREA');

/**
 * "Moved “title” to the trash. Undo": a polite live region that is always in the page (so it is
 * announced), with Undo and Dismiss. It stays about 8 seconds, and as long as the pointer or focus
 * is on it; Ctrl/Cmd+Z outside a text field is Undo too, and Escape on it dismisses it.
 */
export function UndoToast() {
  const controller = useController();
  const library = useLibrary();
  const toast = useLibraryState((s) => s.toast);
  const undoable = canUndo(toast);

  const undo = async () => {
    const conversationId = toast?.conversationId;
    await library.undo();
    // The Undo button went with the toast's change: put focus somewhere useful.
    if (document.activeElement && document.activeElement !== document.body) return;
    const row =
      conversationId === undefined
        ? null
        : document.querySelector<HTMLElement>(
            `.conversation-open[data-conversation-id="${CSS.escape(conversationId)}"]`,
          );
    if (row) row.focus();
    else controller.focusComposer();
  };

  useEffect(() => {
    if (!undoable) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey)) return;
      if (event.shiftKey || event.altKey || event.defaultPrevented) return;
      if (isTextField(document.activeElement) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      void undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) library.resumeToast();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    library.dismissToast();
    controller.focusComposer();
  };

  return (
    <div
      className="toast-region"
      role="status"
      onPointerEnter={() => library.pauseToast()}
      onPointerLeave={() => library.resumeToast()}
      onFocus={() => library.pauseToast()}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    >
      {toast && (
        <div className="toast" key={toast.id} data-phase={toast.phase}>
          <p className="toast-text">{toastText(toast)}</p>
          {undoable && (
            <button
              type="button"
              className="button toast-undo"
              aria-keyshortcuts="Control+Z Meta+Z"
              onClick={() => void undo()}
            >
              Undo
            </button>
          )}
          <button
            type="button"
            className="icon-button toast-dismiss"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => {
              library.dismissToast();
              controller.focusComposer();
            }}
          >
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
              <path d="M4 4l8 8M12 4l-8 8" />
            </svg>
          </button>
        </div>
      )}
    </div>
  );
}
