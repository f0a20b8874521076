import '../../styles/models.css';
import { useAppState, useController } from '../../state/controller-context';
import { currentProfile } from '../../state/profiles/backend-selectors';

/** Beside the model picker, for Ollama profiles: pull, delete and unload models. */
export function ManageModelsButton() {
  const controller = useController();
  const profile = useAppState(currentProfile);
  if (profile?.kind !== 'ollama') return null;
  return (
    <button
      type="button"
      className="button button-quiet manage-models-button"
      title={`Pull, delete or unload ${profile.name}’s models`}
      onClick={() => controller.models.open(profile.id)}
    >
      Manage models…
    </button>
  );
}
