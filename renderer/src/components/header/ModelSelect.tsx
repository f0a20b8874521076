import { useAppState, useController } from '../../state/controller-context';

/**
 * The model to answer with, from the backend's own list (refreshed whenever the select is opened
 * or focused). When the list cannot be fetched, the reason is the tooltip and the value stays.
 */
export function ModelSelect() {
  const controller = useController();
  const current = useAppState((s) => s.settings?.backend.model);
  const { models, error } = useAppState((s) => s.modelChoices);
  const options = current && !models.includes(current) ? [current, ...models] : models;
  const refresh = () => void controller.loadModels();

  return (
    <select
      className="model-select"
      aria-label="Model"
      title={error ?? current ?? 'The first model the backend lists'}
      data-error={error ? true : undefined}
      value={current ?? ''}
      onFocus={refresh}
      onMouseDown={refresh}
      onChange={(event) => {
        if (event.target.value) void controller.chooseModel(event.target.value);
      }}
    >
      {!current && (
        <option value="" disabled>
          Automatic
        </option>
      )}
      {options.map((model) => (
        <option key={model} value={model}>
          {model}
        </option>
      ))}
    </select>
  );
}
