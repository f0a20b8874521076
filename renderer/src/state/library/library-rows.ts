import type { ConversationSummary } from '../../../../shared/domain/conversation';

/**
 * The conversation list as the virtualised sidebar draws it: a "Pinned" section first (when any
 * conversation is pinned), then the rest under "Recent". Headers are rows too, so the virtualiser
 * can place them; `position` is the conversation's place in the whole list (for aria-posinset).
 */
export type ListRow =
  | { kind: 'header'; key: string; label: string }
  | { kind: 'item'; key: string; conversation: ConversationSummary; position: number };

export interface ListRows {
  rows: ListRow[];
  /** Row index of each conversation id. */
  rowOf: ReadonlyMap<string, number>;
  /** Row index of the n-th conversation. */
  itemRows: readonly number[];
}

/** `conversations` must already be in list order (pinned first, see `sortConversations`). */
export function listRows(conversations: readonly ConversationSummary[]): ListRows {
  const rows: ListRow[] = [];
  const rowOf = new Map<string, number>();
  const itemRows: number[] = [];
  const pinned = conversations.findIndex((c) => !c.pinned);
  const pinnedCount = pinned === -1 ? conversations.length : pinned;
  conversations.forEach((conversation, index) => {
    if (pinnedCount > 0 && index === 0) rows.push({ kind: 'header', key: 'header:pinned', label: 'Pinned' });
    if (pinnedCount > 0 && index === pinnedCount)
      rows.push({ kind: 'header', key: 'header:recent', label: 'Recent' });
    rowOf.set(conversation.id, rows.length);
    itemRows.push(rows.length);
    rows.push({ kind: 'item', key: conversation.id, conversation, position: index + 1 });
  });
  return { rows, rowOf, itemRows };
}

/** How far Page Up / Page Down move in the list. */
export const PAGE_STEP = 10;

/**
 * Where a navigation key moves in a list of `count` items from item `index` (-1: none focused):
 * Up/Down by one, Page Up/Down by a page, Home/End to the ends. Undefined for other keys.
 */
export function nextItemIndex(key: string, index: number, count: number): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'PageDown':
      return Math.min(last, Math.max(0, index) + PAGE_STEP);
    case 'PageUp':
      return Math.max(0, index - PAGE_STEP);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
