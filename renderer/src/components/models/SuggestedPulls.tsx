import { useController } from '../../state/controller-context';
import { SUGGESTED_MODELS } from '../../state/models/pull-format';

/** An Ollama without models: a few good first models to pull, or any other by name. */
export function SuggestedPulls({ profileId }: { profileId: string }) {
  const controller = useController();
  return (
    <div className="suggested-pulls">
      <p className="empty-hint">Ollama is running but has no models yet. Pull one to start:</p>
      <div className="empty-actions">
        {SUGGESTED_MODELS.map((model) => (
          <button
            key={model}
            type="button"
            className="button"
            onClick={() => controller.models.open(profileId, model)}
          >
            Pull {model}
          </button>
        ))}
        <button
          type="button"
          className="button button-quiet"
          onClick={() => controller.models.open(profileId)}
        >
          Pull a model…
        </button>
      </div>
    </div>
  );
}
