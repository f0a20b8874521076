import { BUILT_IN_PROMPT_SETS, type PromptSet, type PromptSetInput } from '../../../shared/domain/compare';
import { userError } from '../../../shared/domain/errors';
import { quoted } from '../../../shared/domain/excerpt';
import { AppError } from '../app-error';
import type { CompareStore } from './compare-store';

/** The built-in prompt sets (in code, read-only) and the user's saved ones (in the compare store). */
export class PromptSets {
  constructor(
    private readonly store: () => Pick<CompareStore, 'promptSets' | 'savePromptSets'>,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** Built-ins first, then the user's sets in the order they were made. */
  list(): PromptSet[] {
    return [...structuredClone(BUILT_IN_PROMPT_SETS), ...this.store().promptSets()];
  }

  /** Creates a set, or replaces the saved set with `input.id`. */
  save(input: PromptSetInput): PromptSet {
    if (input.id !== undefined) refuseBuiltIn(input.id, 'changed');
    const saved = this.store().promptSets();
    if (input.id !== undefined && !saved.some((s) => s.id === input.id)) throw promptSetNotFound();
    const name = input.name.trim();
    const clash = this.list().some((s) => s.id !== input.id && s.name.toLowerCase() === name.toLowerCase());
    if (clash) {
      const reason = `A prompt set named ${quoted(name)} already exists.`;
      throw new AppError(
        userError('invalid-input', reason, 'Pick another name.', {
          fields: { name: `${reason} Pick another name.` },
        }),
      );
    }
    const set: PromptSet = {
      id: input.id ?? `set-${this.newId()}`,
      name,
      prompts: [...input.prompts],
      builtIn: false,
    };
    this.store().savePromptSets(
      input.id === undefined ? [...saved, set] : saved.map((s) => (s.id === input.id ? set : s)),
    );
    return set;
  }

  delete(id: string): { id: string } {
    refuseBuiltIn(id, 'deleted');
    const saved = this.store().promptSets();
    if (!saved.some((s) => s.id === id)) throw promptSetNotFound();
    this.store().savePromptSets(saved.filter((s) => s.id !== id));
    return { id };
  }
}

function refuseBuiltIn(id: string, what: 'changed' | 'deleted'): void {
  const builtIn = BUILT_IN_PROMPT_SETS.find((s) => s.id === id);
  if (!builtIn) return;
  throw new AppError(
    userError(
      'invalid-input',
      `"${builtIn.name}" is a built-in prompt set and cannot be ${what}.`,
      what === 'changed'
        ? 'Save your version as a new prompt set instead.'
        : 'Only prompt sets you saved yourself can be deleted.',
    ),
  );
}

const promptSetNotFound = () =>
  new AppError(
    userError(
      'not-found',
      'That prompt set no longer exists.',
      'Pick another set, or save this one as a new set.',
    ),
  );
