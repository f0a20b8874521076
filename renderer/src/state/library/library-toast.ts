import type { UserError } from '../../../../shared/domain/errors';

/**
 * The Undo toast after a conversation moved to the trash: shown for `TOAST_MS` (paused while the
 * pointer or focus is on it), Undo restores with the trash id the delete answered. Pure: the
 * controller owns the timer and the requests.
 */
export const TOAST_MS = 8_000;
/** How long "Restored …" stays after an Undo. */
export const RESTORED_MS = 3_000;
/** After the pointer or focus leaves a paused toast: at least this long before it goes. */
export const RESUME_MIN_MS = 3_000;

export type ToastPhase = 'deleted' | 'restoring' | 'restored' | 'failed';

export interface UndoToast {
  /** Changes with every toast, so a new delete replaces the old one's timer and focus. */
  id: number;
  title: string;
  conversationId: string;
  trashId: string;
  /** It was the open conversation: Undo opens it again. */
  wasSelected: boolean;
  phase: ToastPhase;
  error?: UserError;
}

export function deletedToast(
  id: number,
  deleted: { title: string; conversationId: string; trashId: string; wasSelected: boolean },
): UndoToast {
  return { id, ...deleted, title: deleted.title || 'New chat', phase: 'deleted' };
}

/** Undo is offered until it worked (a failed one can be tried again). */
export const canUndo = (toast: UndoToast | undefined): toast is UndoToast =>
  toast !== undefined && (toast.phase === 'deleted' || toast.phase === 'failed');

export function restoringToast(toast: UndoToast): UndoToast {
  const { error: _error, ...rest } = toast;
  return { ...rest, phase: 'restoring' };
}

export function restoredToast(toast: UndoToast): UndoToast {
  const { error: _error, ...rest } = toast;
  return { ...rest, phase: 'restored' };
}

export function failedToast(toast: UndoToast, error: UserError): UndoToast {
  return { ...toast, phase: 'failed', error };
}

/** What the toast says (its live region announces it). */
export function toastText(toast: UndoToast): string {
  switch (toast.phase) {
    case 'deleted':
      return `Moved “${toast.title}” to the trash.`;
    case 'restoring':
      return `Restoring “${toast.title}”…`;
    case 'restored':
      return `Restored “${toast.title}”.`;
    case 'failed':
      return `“${toast.title}” could not be restored: ${toast.error?.message ?? 'unknown error'} ${toast.error?.fix ?? ''}`.trim();
  }
}

/** How long the toast stays in its phase before it goes by itself (restoring: until answered). */
export function toastLifetime(toast: UndoToast): number | undefined {
  if (toast.phase === 'restoring') return undefined;
  return toast.phase === 'restored' ? RESTORED_MS : TOAST_MS;
}

/** Time left after a pause: what remained, but never less than `RESUME_MIN_MS`. */
export function resumeDelay(remaining: number): number {
  return Math.max(RESUME_MIN_MS, remaining);
}
