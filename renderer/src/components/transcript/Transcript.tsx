import { useMemo, type KeyboardEvent } from 'react';
import { useActiveStream } from '../../state/chat/use-streams';
import { useAppState } from '../../state/controller-context';
import { leftOutOfLastRequest, transcriptRows } from '../../state/transcript/transcript-rows';
import { EmptyState } from './EmptyState';
import { JumpToLatestButton } from './JumpToLatestButton';
import { MessageItem } from './MessageItem';
import { TranscriptActionsContext } from './transcript-actions';
import { ToolAnnouncer } from './tools/ToolAnnouncer';
import { TranscriptAnnouncer } from './TranscriptAnnouncer';
import { useFocusMessage } from './use-focus-message';
import { useFollowBottom } from './use-follow-bottom';
import { useMessageEditing } from './use-message-editing';
import { useTranscriptVirtualizer } from './use-transcript-virtualizer';

const EDIT_BLOCKED = 'A reply is streaming: wait for it to finish, or stop it, to send the edit.';

/**
 * The conversation so far, virtualised: only the rows near the view are in the page, however long
 * the thread. Follows a streaming reply unless the user scrolls up. The list is a log that is not
 * itself live (rows mount and unmount as it scrolls, which a live region would read out); a
 * separate polite status says when a reply ends.
 */
export function Transcript() {
  const open = useAppState((s) => s.open);
  const showEmpty = useAppState(
    (s) => s.conversationsLoaded && (s.open ? s.open.messages.length === 0 : s.selectedId === undefined),
  );
  // Only one Retry at a time: a failed action's notice has its own.
  const noticeOffersRetry = useAppState((s) => s.notice?.retry !== undefined);
  const sending = useAppState((s) => s.sending);
  const activeStream = useActiveStream(open?.id);
  const rows = useMemo(() => transcriptRows(open?.messages), [open?.messages]);
  const leftOut = useMemo(() => leftOutOfLastRequest(open?.messages), [open?.messages]);
  const lastUser = rows.findLast((m) => m.role === 'user');
  const {
    scroller,
    content: contentRef,
    away,
    onScroll,
    onWheel,
    jump,
    stopFollowing,
  } = useFollowBottom(open?.id, lastUser?.id);
  const { editing, actions } = useMessageEditing(open?.id);
  const editIndex = editing ? rows.findIndex((m) => m.id === editing.messageId) : -1;
  const virtualizer = useTranscriptVirtualizer(rows, scroller, editIndex);
  const highlighted = useFocusMessage(open?.id, rows, virtualizer, scroller, stopFollowing);
  const last = rows.at(-1);
  const busy = activeStream !== undefined || sending;

  // Home and End go to the first and last message. The browser's own (smooth) keyboard scroll would
  // stop short: rows measured on the way change the list's height under it.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.shiftKey || rows.length === 0) return;
    if (event.key === 'Home') {
      event.preventDefault();
      stopFollowing();
      virtualizer.scrollToIndex(0, { align: 'start' });
    } else if (event.key === 'End') {
      event.preventDefault();
      jump();
    }
  };

  return (
    <div className="transcript-frame">
      <div
        ref={scroller}
        className="transcript"
        role="log"
        aria-live="off"
        aria-label="Transcript"
        tabIndex={0}
        onScroll={onScroll}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
      >
        <div className="transcript-content">
          {showEmpty && <EmptyState />}
          <TranscriptActionsContext value={actions}>
            <div
              ref={(node) => {
                contentRef.current = node;
                virtualizer.containerRef(node);
              }}
              className="transcript-rows"
            >
              {virtualizer.getVirtualItems().map((item) => {
                const message = rows[item.index];
                if (!message) return null;
                const isLast = message === last;
                const isEditing = editing?.messageId === message.id;
                return (
                  <div
                    key={item.key}
                    ref={virtualizer.measureElement}
                    data-index={item.index}
                    className="transcript-row"
                  >
                    <MessageItem
                      message={message}
                      canRetry={isLast && message.role === 'assistant' && !activeStream && !noticeOffersRetry}
                      canRegenerate={
                        isLast &&
                        message.role === 'assistant' &&
                        (message.status === 'complete' || message.status === 'cancelled') &&
                        !busy
                      }
                      position={item.index + 1}
                      total={rows.length}
                      omitted={leftOut?.omitted.has(message.id) ?? false}
                      highlighted={highlighted === message.id}
                      leftOutCount={leftOut?.firstKeptId === message.id ? leftOut.omitted.size : 0}
                      contextLength={leftOut?.firstKeptId === message.id ? leftOut.contextLength : 0}
                      editDraft={isEditing ? editing.draft : undefined}
                      editAttachments={isEditing ? editing.attachments : undefined}
                      laterCount={isEditing ? rows.length - item.index - 1 : 0}
                      editBlockedReason={isEditing && busy ? EDIT_BLOCKED : undefined}
                      versionsLocked={busy}
                    />
                  </div>
                );
              })}
            </div>
          </TranscriptActionsContext>
        </div>
      </div>
      <TranscriptAnnouncer open={open} />
      <ToolAnnouncer />
      {away && rows.length > 0 && <JumpToLatestButton onClick={jump} />}
    </div>
  );
}
