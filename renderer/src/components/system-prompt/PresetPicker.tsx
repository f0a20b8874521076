import type { SystemPromptPreset } from '../../../../shared/domain/presets';

const CUSTOM = '';

/**
 * Chooses a preset for the conversation at once: the built-ins (TaskMaster, Plain assistant) and
 * the user's saved ones. "Custom" stands for a prompt that is no preset's.
 */
export function PresetPicker({
  id,
  presets,
  current,
  disabled,
  describedBy,
  onChoose,
}: {
  id: string;
  presets: readonly SystemPromptPreset[];
  current: SystemPromptPreset | undefined;
  disabled: boolean;
  describedBy: string | undefined;
  onChoose: (preset: SystemPromptPreset) => void;
}) {
  const builtIn = presets.filter((p) => p.builtIn);
  const saved = presets.filter((p) => !p.builtIn);
  return (
    <select
      id={id}
      className="system-prompt-select"
      value={current?.id ?? CUSTOM}
      disabled={disabled}
      aria-describedby={describedBy}
      onChange={(event) => {
        const chosen = presets.find((p) => p.id === event.target.value);
        if (chosen) onChoose(chosen);
      }}
    >
      {!current && (
        <option value={CUSTOM} disabled>
          Custom
        </option>
      )}
      <optgroup label="Built in">
        {builtIn.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </optgroup>
      {saved.length > 0 && (
        <optgroup label="Saved">
          {saved.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
