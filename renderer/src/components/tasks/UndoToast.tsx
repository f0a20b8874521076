import type { Task } from '../../../../shared/domain/tasks';
import { excerpt } from '../../../../shared/domain/excerpt';

/** "Deleted “Q4 Budget Review”. Undo" — announced politely; the region stays so it is always heard. */
export function UndoToast({ deleted, onUndo }: { deleted: Task | undefined; onUndo: () => void }) {
  return (
    <div className="tasks-toast" role="status" aria-live="polite">
      {deleted && (
        <>
          <span>Deleted “{excerpt(deleted.title, 60)}”.</span>
          <button type="button" className="button" onClick={onUndo}>
            Undo
          </button>
        </>
      )}
    </div>
  );
}
