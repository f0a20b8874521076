import '../../styles/models.css';
import type { PullProgress } from '../../../../shared/domain/ollama-models';
import { useModalDialog } from '../../hooks/use-modal-dialog';
import { useAppState, useController } from '../../state/controller-context';
import type { ModelsDialogRequest } from '../../state/models/models-controller';
import { useModelsState } from '../../state/models/use-models-state';
import { InstalledModels } from './InstalledModels';
import { PullForm } from './PullForm';
import { PullRow } from './PullRow';
import { ModalDialog } from '../dialog/ModalDialog';

/** Mounts the "Ollama models" dialog while it is asked for (model picker, empty state, welcome screen). */
export function ModelsDialogHost() {
  const request = useModelsState((s) => s.dialog);
  if (!request) return null;
  // Each request (another suggestion, another server) starts the dialog afresh.
  return <ModelsDialog key={request.seq} request={request} />;
}

const EMPTY: readonly PullProgress[] = [];

/** The pulls of one profile, in the order they started; a stable empty list when there are none. */
function usePulls(profileId: string): readonly PullProgress[] {
  const pulls = useModelsState((s) => s.pulls);
  const mine = Object.values(pulls).filter((p) => p.profileId === profileId);
  return mine.length === 0 ? EMPTY : mine;
}

/**
 * Pull by name with live progress, the installed models (Delete, with a replacement for the
 * conversations that use one), and those loaded in memory (Unload). A pull keeps running when the
 * dialog closes; opening it again shows it.
 */
function ModelsDialog({ request }: { request: ModelsDialogRequest }) {
  const controller = useController();
  const { dialog, initialFocus } = useModalDialog<HTMLInputElement>();
  const profile = useAppState((s) => s.profiles.find((p) => p.id === request.profileId));
  const pulls = usePulls(request.profileId);

  const onDialogCancel = () => {
    controller.models.close();
  };

  const pull = async (model: string) => {
    const started = await controller.models.pull(request.profileId, model);
    return started.ok ? undefined : started.error;
  };
  const retry = (model: string) => {
    for (const p of pulls) if (p.model === model && p.state !== 'running') controller.models.forget(p.pullId);
    void pull(model);
  };

  return (
    <ModalDialog
      dialogRef={dialog}
      className="models-dialog"
      titleId="models-dialog-title"
      onCancel={onDialogCancel}
    >
      <h2 id="models-dialog-title" className="dialog-title">
        Models on {profile?.name ?? 'Ollama'}
      </h2>
      <PullForm initial={request.suggestion ?? ''} onPull={pull} field={initialFocus} />
      {pulls.length > 0 && (
        <ul className="pull-list" aria-label="Pulls">
          {pulls.map((p) => (
            <PullRow key={p.pullId} pull={p} onRetry={retry} />
          ))}
        </ul>
      )}
      {profile && <InstalledModels profile={profile} />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => controller.models.close()}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
