import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import type { ConversationSummary } from '../../../../shared/domain/conversation';
import type { ConversationExportFormat } from '../../../../shared/domain/conversation-export';
import { useAppState, useController } from '../../state/controller-context';
import { listRows, nextItemIndex } from '../../state/library/library-rows';
import { useNow } from '../../state/core/use-now';
import { ConversationItem, type RowActions } from './ConversationItem';

/** Estimates until a row is measured (CSS gives rows this height; a rename error makes one taller). */
const ROW_HEIGHT = 54;
const HEADER_HEIGHT = 30;

const idOfRow = (element: Element | null): string | undefined =>
  element?.closest('.conversation')?.querySelector<HTMLElement>('[data-conversation-id]')?.dataset
    .conversationId;

/**
 * The saved conversations, pinned first, then the most recent; virtualised, so only the rows in
 * view (and the one with focus) are in the page, whether there are ten or ten thousand. A list with
 * roving focus: one row is in the tab order, arrows / Page Up / Page Down / Home / End move, F2
 * renames, Delete moves to the trash (with Undo).
 */
export function ConversationList() {
  const controller = useController();
  const { library } = controller;
  const conversations = useAppState((s) => s.conversations);
  const loaded = useAppState((s) => s.conversationsLoaded);
  const selectedId = useAppState((s) => s.selectedId);
  const now = useNow(30_000);
  const { rows, rowOf } = useMemo(() => listRows(conversations), [conversations]);
  const [activeId, setActiveId] = useState<string>();
  const [renamingId, setRenamingId] = useState<string>();
  const [menuId, setMenuId] = useState<string>();
  // Bumped to render again when focus must land on a row that is already the active one.
  const [, setFocusTick] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  /** A row to focus once it is rendered (after keys, delete, rename, pin). */
  const pendingFocus = useRef<string | undefined>(undefined);

  const tabStopId =
    activeId !== undefined && rowOf.has(activeId)
      ? activeId
      : selectedId !== undefined && rowOf.has(selectedId)
        ? selectedId
        : conversations[0]?.id;

  // Rows that must stay in the page even when scrolled away: focus and an open field or menu live there.
  const kept = [tabStopId, renamingId, menuId]
    .map((id) => (id === undefined ? undefined : rowOf.get(id)))
    .filter((row): row is number => row !== undefined);
  const keptKey = kept.join(',');
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const extra = keptKey === '' ? [] : keptKey.split(',').map(Number);
      const missing = extra.filter((row) => !indexes.includes(row) && row < range.count);
      return missing.length === 0 ? indexes : [...indexes, ...missing].sort((a, b) => a - b);
    },
    [keptKey],
  );

  // The list re-renders on every virtualiser change (no compiler memoisation); rows get only its stable measureElement.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.kind === 'header' ? HEADER_HEIGHT : ROW_HEIGHT),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 8,
    paddingStart: 4,
    paddingEnd: 12,
    rangeExtractor,
  });

  const scrollToConversation = useCallback(
    (id: string) => {
      const row = rowOf.get(id);
      if (row !== undefined) virtualizer.scrollToIndex(row, { align: 'auto' });
    },
    [rowOf, virtualizer],
  );

  const focusConversation = useCallback(
    (id: string) => {
      pendingFocus.current = id;
      setActiveId(id);
      setFocusTick((tick) => tick + 1);
      scrollToConversation(id);
    },
    [scrollToConversation],
  );

  // Focus asked for lands once its row exists.
  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (id === undefined) return;
    const button = scroller.current?.querySelector<HTMLElement>(
      `.conversation-open[data-conversation-id="${CSS.escape(id)}"]`,
    );
    if (!button) return;
    pendingFocus.current = undefined;
    button.focus({ preventScroll: true });
  });

  // The open conversation scrolls into view when it changes (opened elsewhere, or at start).
  const scrolledFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (selectedId === undefined || scrolledFor.current === selectedId || !rowOf.has(selectedId)) return;
    scrolledFor.current = selectedId;
    scrollToConversation(selectedId);
  }, [selectedId, rowOf, scrollToConversation]);

  const remove = useCallback(
    async (conversation: ConversationSummary) => {
      const before = controller.store.getState().conversations;
      const index = before.findIndex((c) => c.id === conversation.id);
      const hadFocus = scroller.current?.contains(document.activeElement) ?? false;
      const moved = await library.moveToTrash(conversation);
      if (!moved || !hadFocus) return;
      // Focus stays in the list, on the row that took its place.
      const after = controller.store.getState().conversations;
      const next = after[Math.min(index, after.length - 1)];
      if (next) focusConversation(next.id);
      else controller.focusComposer();
    },
    [controller, library, focusConversation],
  );

  const actions = useMemo<RowActions>(
    () => ({
      select: (id) => void controller.select(id),
      rename: (id) => setRenamingId(id),
      renamed: (id) => {
        setRenamingId(undefined);
        focusConversation(id);
      },
      pin: (conversation, pinned) =>
        void library.setPinned(conversation.id, pinned).then((changed) => {
          // It moved (to the top, or back among the rest): focus goes with it.
          if (changed) focusConversation(conversation.id);
        }),
      exportAs: (conversation, format: ConversationExportFormat) =>
        void library.exportConversations([conversation.id], format),
      remove: (conversation) => void remove(conversation),
      menuOpen: (id, open) => setMenuId((current) => (open ? id : current === id ? undefined : current)),
    }),
    [controller, library, focusConversation, remove],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const id = idOfRow(event.target as Element);
    const row = id === undefined ? undefined : rowOf.get(id);
    const entry = row === undefined ? undefined : rows[row];
    const index = entry?.kind === 'item' ? entry.position - 1 : -1;
    const next = nextItemIndex(event.key, index, conversations.length);
    if (next !== undefined) {
      event.preventDefault();
      const target = conversations[next];
      if (target) focusConversation(target.id);
      return;
    }
    if (entry?.kind !== 'item') return;
    if (event.key === 'Delete') {
      event.preventDefault();
      void remove(entry.conversation);
    } else if (event.key === 'F2') {
      event.preventDefault();
      setRenamingId(entry.conversation.id);
    }
  };

  const onFocus = (event: FocusEvent<HTMLUListElement>) => {
    const id = idOfRow(event.target);
    if (id !== undefined && id !== activeId) setActiveId(id);
  };

  if (loaded && conversations.length === 0)
    return <p className="conversation-empty">No conversations yet.</p>;

  const items = virtualizer.getVirtualItems();
  return (
    <div ref={scroller} className="conversation-scroller">
      <div className="conversation-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (row?.kind !== 'header') return null;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="conversation-section"
              aria-hidden="true"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.label}
            </div>
          );
        })}
        <ul className="conversation-list" onKeyDown={onKeyDown} onFocus={onFocus}>
          {items.map((item) => {
            const row = rows[item.index];
            if (row?.kind !== 'item') return null;
            const { conversation } = row;
            return (
              <ConversationItem
                key={item.key}
                conversation={conversation}
                current={conversation.id === selectedId}
                tabStop={conversation.id === tabStopId}
                renaming={conversation.id === renamingId}
                position={row.position}
                setSize={conversations.length}
                index={item.index}
                start={item.start}
                measure={virtualizer.measureElement}
                now={now}
                actions={actions}
              />
            );
          })}
        </ul>
      </div>
    </div>
  );
}
