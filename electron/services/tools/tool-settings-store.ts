import type { StoreProblem } from '../../../shared/domain/store-problem';
import {
  TOOL_ROUNDS_DEFAULT,
  TOOL_TIMEOUT_DEFAULT_SECONDS,
  toolSettingsSchema,
  type ToolSettings,
} from '../../../shared/domain/tools';
import { JsonDocFile } from '../presets/json-doc-file';
import type { OpenStore } from '../store/kv-store';

export const defaultToolSettings = (): ToolSettings => ({
  maxRounds: TOOL_ROUNDS_DEFAULT,
  callTimeoutSeconds: TOOL_TIMEOUT_DEFAULT_SECONDS,
});

/**
 * The app-wide tool settings in `tool-settings.json` of the data folder: a damaged file is set
 * aside and reported like every other store, and each value that does not validate falls back to
 * its default alone.
 */
export class ToolSettingsStore {
  readonly #file: JsonDocFile<ToolSettings>;

  constructor(options: { dir: string; openStore: OpenStore; onProblem?: (problem: StoreProblem) => void }) {
    this.#file = new JsonDocFile<ToolSettings>({
      ...options,
      name: 'tool-settings',
      label: 'tools',
      recovery: 'The tool settings went back to their defaults.',
      empty: defaultToolSettings,
      parse: parseSettings,
    });
  }

  value(): ToolSettings {
    return { ...this.#file.value() };
  }

  /** Checked whole before anything is written: a bad value saves nothing. */
  update(patch: Partial<ToolSettings>): ToolSettings {
    const next = toolSettingsSchema.parse({ ...this.#file.value(), ...patch });
    this.#file.save(next);
    return { ...next };
  }

  problems(): StoreProblem[] {
    return this.#file.problems();
  }
}

function parseSettings(data: unknown): { value: ToolSettings; damaged: string[] } {
  const value = defaultToolSettings();
  const damaged: string[] = [];
  if (!data || typeof data !== 'object') return { value, damaged: data === undefined ? [] : ['settings'] };
  const shape = toolSettingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof ToolSettings)[]) {
    const raw = (data as Record<string, unknown>)[key];
    if (raw === undefined) continue;
    const parsed = shape[key].safeParse(raw);
    if (parsed.success) value[key] = parsed.data;
    else damaged.push(key);
  }
  return { value, damaged };
}
