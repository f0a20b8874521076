import type { KeyboardEvent } from 'react';

/**
 * Arrow keys within the conversation list: Up/Down move between conversations, Home/End jump to
 * the ends. Tab still walks every control, so the list works without these too.
 */
export function moveFocusInList(event: KeyboardEvent<HTMLElement>): boolean {
  const rows = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('.conversation-open')];
  const current = (event.target as HTMLElement)
    .closest('.conversation')
    ?.querySelector<HTMLButtonElement>('.conversation-open');
  const index = current ? rows.indexOf(current) : -1;
  let next: HTMLButtonElement | undefined;
  if (event.key === 'ArrowDown') next = rows[Math.min(rows.length - 1, index + 1)];
  else if (event.key === 'ArrowUp') next = rows[Math.max(0, index - 1)];
  else if (event.key === 'Home') next = rows[0];
  else if (event.key === 'End') next = rows.at(-1);
  if (!next) return false;
  event.preventDefault();
  next.focus();
  return true;
}
