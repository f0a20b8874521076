import { memo } from 'react';
import { revealBidiControls } from '../../../../shared/domain/bidi-controls';
import type { ConversationSummary } from '../../../../shared/domain/conversation';
import type { ConversationExportFormat } from '../../../../shared/domain/conversation-export';
import { fullTime, relativeTime } from '../../format/relative-time';
import { MenuButton, type MenuItem } from '../library/MenuButton';
import { RenameField } from './RenameField';

/** What a row can ask of its list (stable callbacks, so rows stay memoised). */
export interface RowActions {
  select: (id: string) => void;
  rename: (id: string) => void;
  renamed: (id: string, saved: boolean) => void;
  pin: (conversation: ConversationSummary, pinned: boolean) => void;
  exportAs: (conversation: ConversationSummary, format: ConversationExportFormat) => void;
  remove: (conversation: ConversationSummary) => void;
  menuOpen: (id: string, open: boolean) => void;
}

interface Props {
  conversation: ConversationSummary;
  current: boolean;
  /** The list's one tab stop (roving focus): its buttons are in the tab order, the others' are not. */
  tabStop: boolean;
  renaming: boolean;
  /** Place in the whole list and its length: only a window of rows exists in the page. */
  position: number;
  setSize: number;
  /** Row index and offset from the virtualiser. */
  index: number;
  start: number;
  measure: (element: HTMLElement | null) => void;
  now: number;
  actions: RowActions;
}

function PinIcon() {
  return (
    <svg className="pin-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d="M6 2.5h4M7 2.5v4L4.5 9h7L9 6.5v-4M8 9v4.5" />
    </svg>
  );
}

/** One row of the list: open it, rename it in place, or its "More actions" menu. */
export const ConversationItem = memo(function ConversationItem({
  conversation,
  current,
  tabStop,
  renaming,
  position,
  setSize,
  index,
  start,
  measure,
  now,
  actions,
}: Props) {
  // A title imported or saved before titles were checked could still hold direction controls.
  const title = revealBidiControls(conversation.title) || 'New chat';
  const pinned = conversation.pinned === true;
  const items: MenuItem[] = [
    {
      label: 'Rename',
      shortcut: { label: 'F2', aria: 'F2' },
      onSelect: () => actions.rename(conversation.id),
    },
    { label: pinned ? 'Unpin' : 'Pin', onSelect: () => actions.pin(conversation, !pinned) },
    { label: 'Export as Markdown', onSelect: () => actions.exportAs(conversation, 'markdown') },
    { label: 'Export as JSON', onSelect: () => actions.exportAs(conversation, 'json') },
    {
      label: 'Delete',
      shortcut: { label: 'Del', aria: 'Delete' },
      danger: true,
      onSelect: () => actions.remove(conversation),
    },
  ];
  return (
    <li
      ref={measure}
      className="conversation"
      data-index={index}
      data-current={current || undefined}
      data-pinned={pinned || undefined}
      aria-setsize={setSize}
      aria-posinset={position}
      style={{ transform: `translateY(${start}px)` }}
    >
      {renaming ? (
        <RenameField
          conversation={conversation}
          onDone={(saved) => actions.renamed(conversation.id, saved)}
        />
      ) : (
        <>
          <button
            type="button"
            className="conversation-open"
            aria-current={current ? 'page' : undefined}
            aria-keyshortcuts="F2 Delete"
            data-conversation-id={conversation.id}
            tabIndex={tabStop ? 0 : -1}
            onClick={() => actions.select(conversation.id)}
          >
            <span className="conversation-title">
              {pinned && <PinIcon />}
              {title}
              {pinned && <span className="visually-hidden"> (pinned)</span>}
            </span>
            <time
              className="conversation-time"
              dateTime={new Date(conversation.updatedAt).toISOString()}
              title={fullTime(conversation.updatedAt)}
            >
              {relativeTime(conversation.updatedAt, now)}
            </time>
          </button>
          <MenuButton
            className="conversation-more icon-button"
            label={`More actions for “${title}”`}
            title="More actions"
            items={items}
            tabIndex={tabStop ? 0 : -1}
            onOpenChange={(open) => actions.menuOpen(conversation.id, open)}
          >
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
              <circle cx="3.5" cy="8" r="1.25" fill="currentColor" />
              <circle cx="8" cy="8" r="1.25" fill="currentColor" />
              <circle cx="12.5" cy="8" r="1.25" fill="currentColor" />
            </svg>
          </MenuButton>
        </>
      )}
    </li>
  );
});
