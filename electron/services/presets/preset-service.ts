import { z } from 'zod';
import { userError } from '../../../shared/domain/errors';
import {
  BUILT_IN_PRESETS,
  presetInputSchema,
  type PresetInput,
  type SystemPromptPreset,
} from '../../../shared/domain/presets';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { AppError } from '../app-error';
import type { OpenStore } from '../store/kv-store';
import { JsonDocFile } from './json-doc-file';

export interface PresetServiceOptions {
  /** The data folder: the user's presets are `<dir>/presets.json`. */
  dir: string;
  openStore: OpenStore;
  onProblem?: (problem: StoreProblem) => void;
  newId?: () => string;
  now?: () => number;
}

export const PRESETS_FILE = 'presets';

const storedPresetSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  prompt: z.string(),
});

/** Each stored preset on its own: one damaged entry does not take the others with it. */
function parsePresets(data: unknown): { value: SystemPromptPreset[]; damaged: string[] } {
  if (!Array.isArray(data)) return { value: [], damaged: ['presets'] };
  const value: SystemPromptPreset[] = [];
  const damaged: string[] = [];
  data.forEach((entry: unknown, index) => {
    const parsed = storedPresetSchema.safeParse(entry);
    if (parsed.success && !BUILT_IN_PRESETS.some((b) => b.id === parsed.data.id))
      value.push({ ...parsed.data, builtIn: false });
    else damaged.push(`preset ${index + 1}`);
  });
  return { value, damaged };
}

/**
 * The library of system prompts: the built-ins (in code, always there, never changed) and the
 * user's own, in their own small file so that editing one never rewrites the conversation index.
 */
export class PresetService {
  readonly #file: JsonDocFile<SystemPromptPreset[]>;
  readonly #newId: () => string;

  constructor(options: PresetServiceOptions) {
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#file = new JsonDocFile({
      dir: options.dir,
      name: PRESETS_FILE,
      openStore: options.openStore,
      parse: parsePresets,
      empty: () => [],
      label: 'presets',
      recovery: 'the readable presets were kept; the built-in presets are always available',
      ...(options.onProblem ? { onProblem: options.onProblem } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** Built-ins first, then the user's presets in the order they were made. */
  list(): SystemPromptPreset[] {
    return [...BUILT_IN_PRESETS.map((p) => ({ ...p })), ...this.#saved()];
  }

  get(id: string): SystemPromptPreset {
    const found = this.list().find((p) => p.id === id);
    if (!found) throw presetNotFound();
    return found;
  }

  /** Creates a preset, or replaces the user's preset `input.id`; names are unique (ignoring case). */
  save(input: PresetInput): SystemPromptPreset {
    const parsed = presetInputSchema.safeParse(input);
    if (!parsed.success) {
      const fields = Object.fromEntries(
        parsed.error.issues.map((i) => [i.path.map(String).join('.') || 'form', i.message]),
      );
      throw new AppError(
        userError('invalid-input', Object.values(fields).join(' '), 'Correct the marked fields.', { fields }),
      );
    }
    const { id, name, prompt } = parsed.data;
    if (id !== undefined) refuseBuiltIn(id, 'changed');
    const saved = this.#saved();
    if (id !== undefined && !saved.some((p) => p.id === id)) throw presetNotFound();
    if (this.list().some((p) => p.id !== id && p.name.toLowerCase() === name.toLowerCase())) {
      const reason = `A preset named "${name}" already exists.`;
      throw new AppError(
        userError('invalid-input', reason, 'Pick another name.', {
          fields: { name: `${reason} Pick another name.` },
        }),
      );
    }
    const preset: SystemPromptPreset = { id: id ?? `preset-${this.#newId()}`, name, prompt, builtIn: false };
    this.#write(id === undefined ? [...saved, preset] : saved.map((p) => (p.id === id ? preset : p)));
    return { ...preset };
  }

  delete(id: string): { id: string } {
    refuseBuiltIn(id, 'deleted');
    const saved = this.#saved();
    if (!saved.some((p) => p.id === id)) throw presetNotFound();
    this.#write(saved.filter((p) => p.id !== id));
    return { id };
  }

  problems(): StoreProblem[] {
    return this.#file.problems();
  }

  #saved(): SystemPromptPreset[] {
    return this.#file.value().map((p) => ({ ...p }));
  }

  #write(presets: SystemPromptPreset[]): void {
    this.#file.save(presets.map(({ id, name, prompt }) => ({ id, name, prompt, builtIn: false })));
  }
}

function refuseBuiltIn(id: string, what: 'changed' | 'deleted'): void {
  const builtIn = BUILT_IN_PRESETS.find((p) => p.id === id);
  if (!builtIn) return;
  throw new AppError(
    userError(
      'invalid-input',
      `"${builtIn.name}" is a built-in preset and cannot be ${what}.`,
      what === 'changed'
        ? 'Save your version as a new preset instead.'
        : 'Only presets you made yourself can be deleted.',
    ),
  );
}

const presetNotFound = () =>
  new AppError(
    userError('not-found', 'That preset no longer exists.', 'Pick another preset, or save this one as new.'),
  );
