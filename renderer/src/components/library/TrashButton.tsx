import { useState } from 'react';
import { trashButtonLabel } from '../../state/library/library-format';
import { useLibraryState } from '../../state/library/use-library';
import { TrashDialog } from './TrashDialog';

/** The way to the trash, with how many items it holds. */
export function TrashButton() {
  const count = useLibraryState((s) => s.trash.length);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button-quiet trash-button"
        aria-label={trashButtonLabel(count)}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M6 2h4m-7 2h10m-1 0-.6 9a1 1 0 0 1-1 1H5.6a1 1 0 0 1-1-1L4 4m2.5 2.5v5m3-5v5" />
        </svg>
        Trash
        {count > 0 && (
          <span className="trash-count" aria-hidden="true">
            {count}
          </span>
        )}
      </button>
      {open && <TrashDialog onClose={() => setOpen(false)} />}
    </>
  );
}
