import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary } from '../../../../shared/index';
import { useAppState, useController } from '../../state/controller-context';
import { ConversationList } from '../conversations/ConversationList';
import { DeleteConversationDialog } from '../conversations/DeleteConversationDialog';
import { NewChatButton } from '../conversations/NewChatButton';

/** The conversation list and New chat; on narrow windows it slides in over the chat behind a toggle. */
export function Sidebar() {
  const controller = useController();
  const open = useAppState((s) => s.sidebarOpen);
  const [pending, setPending] = useState<ConversationSummary>();
  const askToDelete = useCallback((conversation: ConversationSummary) => setPending(conversation), []);
  const nav = useRef<HTMLElement>(null);

  // Opened from the toggle on a narrow window: move focus into the list, onto the open conversation.
  useEffect(() => {
    if (!open) return;
    const target =
      nav.current?.querySelector<HTMLElement>('[aria-current="page"]') ??
      nav.current?.querySelector<HTMLElement>('button');
    target?.focus();
  }, [open]);

  const confirm = () => {
    if (!pending) return;
    setPending(undefined);
    void controller.remove(pending.id).then(() =>
      // The row that opened the dialog goes with its conversation; once it has, focus the composer rather than nothing.
      requestAnimationFrame(() => {
        if (!document.activeElement || document.activeElement === document.body) controller.focusComposer();
      }),
    );
  };

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
        <ConversationList onDelete={askToDelete} />
      </nav>
      {open && (
        <div className="sidebar-scrim" aria-hidden="true" onClick={() => controller.setSidebarOpen(false)} />
      )}
      {pending && (
        <DeleteConversationDialog
          conversation={pending}
          onConfirm={confirm}
          onCancel={() => setPending(undefined)}
        />
      )}
    </>
  );
}
