import { useEffect, useRef } from 'react';
import { useAppState, useController } from '../../state/controller-context';
import { useSearchState } from '../../state/library/use-library';
import { ConversationList } from '../conversations/ConversationList';
import { NewChatButton } from '../conversations/NewChatButton';
import { SearchBox } from '../conversations/SearchBox';
import { SearchResults } from '../conversations/SearchResults';
import { LibraryMenu } from '../library/LibraryMenu';
import { TrashButton } from '../library/TrashButton';
import { UndoToast } from '../library/UndoToast';

/**
 * New chat, search, the conversation list (or the search results while there is a query), and the
 * trash and library (export, import) at the bottom; on narrow windows it slides in over the chat
 * behind a toggle. The Undo toast of a delete sits beside it.
 */
export function Sidebar() {
  const controller = useController();
  const open = useAppState((s) => s.sidebarOpen);
  const searching = useSearchState((s) => s.query.trim() !== '');
  const nav = useRef<HTMLElement>(null);

  useEffect(() => controller.library.start(), [controller]);

  // Opened from the toggle on a narrow window: move focus into the list, onto its tab stop.
  useEffect(() => {
    if (!open) return;
    const target =
      nav.current?.querySelector<HTMLElement>('.conversation-open[tabindex="0"]') ??
      nav.current?.querySelector<HTMLElement>('.search-input');
    target?.focus();
  }, [open]);

  return (
    <>
      <nav
        ref={nav}
        id="conversations"
        className="sidebar"
        aria-label="Conversations"
        data-open={open || undefined}
      >
        <div className="sidebar-head">
          <span className="app-name">Local LLM Desk</span>
          <NewChatButton />
        </div>
        <SearchBox />
        {searching ? <SearchResults /> : <ConversationList />}
        <div className="sidebar-foot">
          <TrashButton />
          <LibraryMenu />
        </div>
      </nav>
      {open && (
        <div className="sidebar-scrim" aria-hidden="true" onClick={() => controller.setSidebarOpen(false)} />
      )}
      <UndoToast />
    </>
  );
}
