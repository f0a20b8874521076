import type { KeyboardEvent } from 'react';

/** Which elements are the rows of a list, and which control in each row takes focus. */
export interface ListParts {
  row: string;
  control: string;
}

/**
 * Arrow keys within a list that is all in the page (search results): Up/Down move between rows,
 * Home/End jump to the ends. Tab still walks every control. (The virtualised conversation list
 * moves by index instead, since most of its rows are not in the page: see `nextItemIndex`.)
 */
export function moveFocusInList(event: KeyboardEvent<HTMLElement>, parts: ListParts): boolean {
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>(parts.control)];
  const current = (event.target as HTMLElement).closest(parts.row)?.querySelector<HTMLElement>(parts.control);
  const index = current ? rows.indexOf(current) : -1;
  let next: HTMLElement | undefined;
  if (event.key === 'ArrowDown') next = rows[Math.min(rows.length - 1, index + 1)];
  else if (event.key === 'ArrowUp') next = rows[Math.max(0, index - 1)];
  else if (event.key === 'Home') next = rows[0];
  else if (event.key === 'End') next = rows.at(-1);
  if (!next) return false;
  event.preventDefault();
  next.focus();
  return true;
}
