import type { KeyboardEvent } from 'react';
import { SEARCH_QUERY_MAX } from '../../../../shared/domain/library';
import { useController } from '../../state/controller-context';
import { useLibrary, useSearchState } from '../../state/library/use-library';

/**
 * Search across titles and message text. Results replace the list while there is a query; Down
 * moves into them, Enter opens the first, Escape clears.
 */
export function SearchBox() {
  const controller = useController();
  const library = useLibrary();
  const query = useSearchState((s) => s.query);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const nav = event.currentTarget.closest('nav');
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      event.stopPropagation(); // clears the search; a second Escape may close the sidebar
      library.search.clear();
    } else if (event.key === 'ArrowDown') {
      const first =
        nav?.querySelector<HTMLElement>('.search-hit') ??
        nav?.querySelector<HTMLElement>('.conversation-open[tabindex="0"]');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const state = library.search.store.getState();
      const ready = state.status === 'done' && state.answered === query.trim();
      const hit = ready
        ? state.hits.find((h) =>
            controller.store.getState().conversations.some((c) => c.id === h.conversationId),
          )
        : undefined;
      if (hit) void controller.openMessage(hit.conversationId, hit.messageId);
      else library.search.flush();
    }
  };

  return (
    <div role="search" className="sidebar-search">
      <svg
        className="search-icon"
        viewBox="0 0 16 16"
        width="14"
        height="14"
        aria-hidden="true"
        focusable="false"
      >
        <path d="M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11zM11 11l3.5 3.5" />
      </svg>
      <input
        type="search"
        className="search-input"
        aria-label="Search conversations"
        placeholder="Search"
        autoComplete="off"
        spellCheck={false}
        maxLength={SEARCH_QUERY_MAX}
        value={query}
        onFocus={() => library.search.warm()}
        onChange={(event) => library.search.setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
