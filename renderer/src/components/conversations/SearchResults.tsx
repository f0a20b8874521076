import { useMemo, type KeyboardEvent } from 'react';
import type { ConversationSummary } from '../../../../shared/domain/conversation';
import type { SearchHit } from '../../../../shared/domain/library';
import { useAppState, useController } from '../../state/controller-context';
import { hitSource } from '../../state/library/library-format';
import { SEARCH_LIMIT } from '../../state/library/library-search';
import { useLibrary, useSearchState } from '../../state/library/use-library';
import { HighlightedText } from './HighlightedText';
import { moveFocusInList } from './list-keys';

const parts = { row: '.search-hit-row', control: '.search-hit' };

function hitKey(hit: SearchHit): string {
  return `${hit.conversationId}:${hit.messageId ?? 'title'}`;
}

function statusText(
  status: 'idle' | 'pending' | 'done' | 'failed',
  shown: number,
  total: number,
  answered: string,
): string {
  if (status === 'pending') return 'Searching…';
  if (status === 'failed') return '';
  if (shown === 0) return `No conversations match “${answered}”.`;
  const more = total >= SEARCH_LIMIT ? ` (the first ${SEARCH_LIMIT}; type more to narrow it down)` : '';
  return `${shown} ${shown === 1 ? 'match' : 'matches'}${more}`;
}

/** Search hits in place of the list: the title, and the message text around the match with it marked. */
export function SearchResults() {
  const controller = useController();
  const library = useLibrary();
  const status = useSearchState((s) => s.status);
  const hits = useSearchState((s) => s.hits);
  const answered = useSearchState((s) => s.answered);
  const error = useSearchState((s) => s.error);
  const conversations = useAppState((s) => s.conversations);
  const selectedId = useAppState((s) => s.selectedId);
  const byId = useMemo(() => new Map(conversations.map((c) => [c.id, c])), [conversations]);
  // Deleted since the answer: not offered. Renamed since: shown with the title it has now.
  const shown = useMemo(
    () =>
      hits.flatMap((hit) => {
        const conversation = byId.get(hit.conversationId);
        return conversation ? [{ hit, conversation }] : [];
      }),
    [hits, byId],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const first = event.currentTarget.querySelector('.search-hit');
    if (event.key === 'ArrowUp' && event.target === first) {
      event.preventDefault();
      event.currentTarget.closest('nav')?.querySelector<HTMLElement>('.search-input')?.focus();
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      const input = event.currentTarget.closest('nav')?.querySelector<HTMLElement>('.search-input');
      library.search.clear();
      input?.focus();
      return;
    }
    moveFocusInList(event, parts);
  };

  const open = (hit: SearchHit) => void controller.openMessage(hit.conversationId, hit.messageId);

  return (
    <div className="search-results">
      <p className="search-status" role="status">
        {statusText(status, shown.length, hits.length, answered)}
      </p>
      {status === 'failed' && error && (
        <p className="search-error" role="alert">
          {error.message} {error.fix}
        </p>
      )}
      {shown.length > 0 && (
        <ul className="search-hits" aria-label={`Search results for “${answered}”`} onKeyDown={onKeyDown}>
          {shown.map(({ hit, conversation }) => (
            <SearchHitRow
              key={hitKey(hit)}
              hit={hit}
              conversation={conversation}
              current={conversation.id === selectedId}
              onOpen={open}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function SearchHitRow({
  hit,
  conversation,
  current,
  onOpen,
}: {
  hit: SearchHit;
  conversation: ConversationSummary;
  current: boolean;
  onOpen: (hit: SearchHit) => void;
}) {
  const title = conversation.title || 'New chat';
  const titleHit = hit.messageId === undefined;
  return (
    <li className="search-hit-row" data-current={current || undefined}>
      <button
        type="button"
        className="search-hit"
        data-conversation-id={hit.conversationId}
        data-message-id={hit.messageId}
        onClick={() => onOpen(hit)}
      >
        <span className="search-hit-title">
          {titleHit && title === hit.title ? (
            <HighlightedText text={hit.snippet} start={hit.matchStart} length={hit.matchLength} />
          ) : (
            title
          )}
        </span>
        {!titleHit && (
          <span className="search-hit-snippet">
            <span className="search-hit-source">{hitSource(hit)}:</span>{' '}
            <HighlightedText text={hit.snippet} start={hit.matchStart} length={hit.matchLength} />
          </span>
        )}
      </button>
    </li>
  );
}
