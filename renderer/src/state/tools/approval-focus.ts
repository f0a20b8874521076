import type { ToolDecision } from '../../../../shared/domain/tools';

/**
 * Whether an approval prompt that just appeared may take focus. Only when the user is not busy
 * elsewhere: focus in the transcript, on Stop (the composer's only control while a reply streams that
 * is about this reply), or nowhere. Someone typing the next message keeps the caret; the live region
 * tells them the reply waits.
 */
export function shouldTakeFocus(active: Element | null): boolean {
  if (!active || active === active.ownerDocument.body) return true;
  if (active.closest('[role="log"]')) return true;
  return active.matches('.button-stop');
}

/** The prompt's keys, while focus is in it: Y allows once, A always allows, N denies. */
export function approvalKey(event: {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}): ToolDecision | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  switch (event.key.toLowerCase()) {
    case 'y':
      return 'once';
    case 'a':
      return 'always';
    case 'n':
      return 'deny';
    default:
      return undefined;
  }
}
