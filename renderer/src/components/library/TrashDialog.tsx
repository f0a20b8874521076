import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { Result } from '../../../../shared/contract/result';
import type { UserError } from '../../../../shared/domain/errors';
import type { TrashItem } from '../../../../shared/domain/library';
import { fullTime } from '../../format/relative-time';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { messageCount, trashKindLabel } from '../../state/library/library-format';
import { useLibrary, useLibraryState } from '../../state/library/use-library';
import { ConfirmDialog } from './ConfirmDialog';
import { ModalDialog } from '../dialog/ModalDialog';

/** Items drawn at first (and added per "Show more"): the dialog stays quick with thousands in the trash. */
const PAGE = 200;

type Confirming = { kind: 'empty' } | { kind: 'purge'; item: TrashItem };

/**
 * The trash: what was deleted (whole conversations, and the turns an edit replaced), newest first,
 * each with Restore and Delete forever; Empty trash deletes everything for good after a confirmation.
 * Kept fresh by `trash.changed`, so a delete in another window shows here too.
 */
export function TrashDialog({ onClose }: { onClose: () => void }) {
  const library = useLibrary();
  const items = useLibraryState((s) => s.trash);
  const { dialog, initialFocus: close } = useModalDialog<HTMLButtonElement>();
  const [limit, setLimit] = useState(PAGE);
  const [confirming, setConfirming] = useState<Confirming>();
  const [error, setError] = useState<{ context: string; error: UserError }>();
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  /** After an item leaves, focus goes to the one that took its place (or Close). */
  const focusIndex = useRef<number | undefined>(undefined);
  const id = useId();

  useLayoutEffect(() => {
    const index = focusIndex.current;
    if (index === undefined) return;
    focusIndex.current = undefined;
    const buttons = list.current?.querySelectorAll<HTMLElement>('.trash-restore');
    const target = buttons?.[Math.min(index, buttons.length - 1)];
    (target ?? close.current)?.focus();
  });

  const onDialogCancel = () => {
    onClose();
  };

  const run = async <T,>(
    context: string,
    action: () => Promise<Result<T>>,
    index?: number,
  ): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    const result = await action();
    setBusy(false);
    if (!result.ok) {
      setError({ context, error: result.error });
      return false;
    }
    focusIndex.current = index ?? 0;
    return true;
  };

  const confirm = async () => {
    const what = confirming;
    setConfirming(undefined);
    if (what?.kind === 'empty') {
      await run('The trash was not emptied.', () => library.emptyTrash());
    } else if (what?.kind === 'purge') {
      const index = items.findIndex((item) => item.id === what.item.id);
      await run(`“${what.item.title}” was not deleted.`, () => library.purge(what.item.id), index);
    }
  };

  const shown = items.slice(0, limit);
  // The confirmation is a sibling, not a child: each modal keeps its own Tab cycle and Escape.
  return (
    <>
      <ModalDialog
        dialogRef={dialog}
        className="trash-dialog"
        titleId={`${id}-title`}
        descriptionId={`${id}-text`}
        onCancel={onDialogCancel}
      >
        <h2 id={`${id}-title`} className="dialog-title">
          Trash
        </h2>
        <p id={`${id}-text`} className="dialog-text">
          Deleted conversations, and the turns an edit replaced, stay here until you delete them forever or
          empty the trash.
        </p>
        {error && (
          <p className="trash-error" role="alert">
            {error.context} {error.error.message} {error.error.fix}
          </p>
        )}
        {items.length === 0 ? (
          <p className="trash-empty">The trash is empty.</p>
        ) : (
          <ul ref={list} className="trash-list" aria-label="In the trash">
            {shown.map((item, index) => (
              <li key={item.id} className="trash-item">
                <div className="trash-item-text">
                  <span className="trash-item-title">{item.title || 'New chat'}</span>
                  <span className="trash-item-meta">
                    {trashKindLabel(item.kind)} · {messageCount(item.messageCount)} · deleted{' '}
                    <time dateTime={new Date(item.deletedAt).toISOString()}>{fullTime(item.deletedAt)}</time>
                  </span>
                </div>
                <div className="trash-item-actions">
                  <button
                    type="button"
                    className="button trash-restore"
                    aria-label={`Restore “${item.title || 'New chat'}”`}
                    disabled={busy}
                    onClick={() =>
                      void run(`“${item.title}” was not restored.`, () => library.restore(item.id), index)
                    }
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    className="button button-quiet trash-purge"
                    aria-label={`Delete “${item.title || 'New chat'}” forever`}
                    disabled={busy}
                    onClick={() => setConfirming({ kind: 'purge', item })}
                  >
                    Delete forever
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        {items.length > shown.length && (
          <p className="trash-more">
            Showing {shown.length} of {items.length}.{' '}
            <button type="button" className="button button-quiet" onClick={() => setLimit((n) => n + PAGE)}>
              Show more
            </button>
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-danger"
            disabled={items.length === 0 || busy}
            onClick={() => setConfirming({ kind: 'empty' })}
          >
            Empty trash
          </button>
          <button ref={close} type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </ModalDialog>
      {confirming?.kind === 'empty' && (
        <ConfirmDialog
          title="Empty the trash?"
          text={`${items.length === 1 ? 'The item' : `All ${items.length} items`} in the trash will be deleted from this computer for good. This cannot be undone.`}
          confirmLabel="Empty trash"
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(undefined)}
        />
      )}
      {confirming?.kind === 'purge' && (
        <ConfirmDialog
          title="Delete forever?"
          text={`“${confirming.item.title || 'New chat'}” will be deleted from this computer for good. This cannot be undone.`}
          confirmLabel="Delete forever"
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(undefined)}
        />
      )}
    </>
  );
}
