import type { CompareParams, CompareStart, PromptSet } from '../../../../shared/domain/compare';
import type { ProfileView } from '../../../../shared/domain/profiles';

/**
 * The compare form as typed, and what it becomes: the prompts it would run, why Run is not
 * possible yet, and the `compare.start` input. Pure, so the rules are tested without a page.
 */

export type PromptSource = 'single' | 'list' | 'saved';

export interface PairDraft {
  /** Stable React key: pairs are added and removed in the middle. */
  key: number;
  profileId: string;
  model: string;
}

export interface CompareDraft {
  pairs: PairDraft[];
  source: PromptSource;
  /** The single prompt (may span lines). */
  single: string;
  /** The typed list: one prompt per line, blank lines ignored. */
  list: string;
  /** The chosen saved or built-in set. */
  setId: string;
  systemPrompt: string;
  temperature: string;
  maxTokens: string;
  parallel: boolean;
  /** Offer the tools to every pair (off by default: compare measures speed). */
  tools: boolean;
}

export const MIN_PAIRS = 2;
export const MAX_PAIRS = 6;

export const emptyDraft: CompareDraft = {
  pairs: [],
  source: 'single',
  single: '',
  list: '',
  setId: '',
  systemPrompt: '',
  temperature: '',
  maxTokens: '',
  parallel: false,
  tools: false,
};

/** The typed list's prompts: one a line, trimmed, blank lines dropped. */
export function parsePromptList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The prompts the form would send, from whichever source is chosen. */
export function draftPrompts(draft: CompareDraft, sets: readonly PromptSet[]): string[] {
  switch (draft.source) {
    case 'single': {
      const text = draft.single.trim();
      return text ? [text] : [];
    }
    case 'list':
      return parsePromptList(draft.list);
    case 'saved':
      return [...(sets.find((s) => s.id === draft.setId)?.prompts ?? [])];
  }
}

/** Field errors the form can tell before asking the host, keyed as the host keys them (`params.temperature`). */
export function paramErrors(draft: CompareDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const temperature = draft.temperature.trim();
  if (temperature) {
    const value = Number(temperature);
    if (!Number.isFinite(value)) errors['params.temperature'] = 'Temperature must be a number.';
    else if (value < 0 || value > 2) errors['params.temperature'] = 'Temperature is between 0 and 2.';
  }
  const maxTokens = draft.maxTokens.trim();
  if (maxTokens) {
    const value = Number(maxTokens);
    if (!Number.isInteger(value)) errors['params.maxTokens'] = 'Max tokens must be a whole number.';
    else if (value < 1 || value > 1_000_000)
      errors['params.maxTokens'] = 'Max tokens is between 1 and 1,000,000.';
  }
  return errors;
}

/**
 * Why Run cannot be pressed yet, in words for the user (shown next to the disabled button), or
 * undefined when it can.
 */
export function runBlocker(draft: CompareDraft, sets: readonly PromptSet[]): string | undefined {
  if (draft.pairs.length < MIN_PAIRS) return 'Choose at least two backends to compare.';
  if (draft.pairs.length > MAX_PAIRS) return `Compare at most ${MAX_PAIRS} backends at once.`;
  const noModel = draft.pairs.findIndex((p) => p.model.trim().length === 0);
  if (noModel !== -1) return `Choose a model for backend ${noModel + 1}.`;
  const noProfile = draft.pairs.findIndex((p) => p.profileId.length === 0);
  if (noProfile !== -1) return `Choose a profile for backend ${noProfile + 1}.`;
  if (draft.source === 'saved' && !sets.some((s) => s.id === draft.setId)) return 'Choose a prompt set.';
  if (draftPrompts(draft, sets).length === 0) return 'Add at least one prompt to run.';
  if (Object.keys(paramErrors(draft)).length > 0) return 'Correct the parameters first.';
  return undefined;
}

/** The `compare.start` input for the form (call only when `runBlocker` says nothing). */
export function startInput(draft: CompareDraft, sets: readonly PromptSet[]): CompareStart {
  const params: CompareParams = {};
  if (draft.temperature.trim()) params.temperature = Number(draft.temperature);
  if (draft.maxTokens.trim()) params.maxTokens = Number(draft.maxTokens);
  const systemPrompt = draft.systemPrompt.trim();
  return {
    pairs: draft.pairs.map((p) => ({ profileId: p.profileId, model: p.model.trim() })),
    prompts: draftPrompts(draft, sets),
    ...(systemPrompt ? { systemPrompt } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    parallel: draft.parallel,
    ...(draft.tools ? { tools: true } : {}),
  };
}

/**
 * The first pairs offered: the default profile and the next one (or the default twice, to compare
 * two of its models), each with its default model when it names one.
 */
export function initialPairs(
  profiles: readonly ProfileView[],
  defaultProfileId: string | undefined,
  nextKey: () => number,
): PairDraft[] {
  const first = profiles.find((p) => p.id === defaultProfileId) ?? profiles[0];
  if (!first) return [];
  const second = profiles.find((p) => p.id !== first.id) ?? first;
  return [first, second].map((profile) => ({
    key: nextKey(),
    profileId: profile.id,
    model: profile.defaultModel ?? '',
  }));
}

/** The form with the chat's prompt in it, ready to run against the chosen pairs. */
export function withPrefill(draft: CompareDraft, prompt: string): CompareDraft {
  return { ...draft, source: 'single', single: prompt };
}

/** The host's field errors for the pair rows and the prompt source (`pairs.1.model`, `prompts.0`). */
export function fieldError(
  fields: Record<string, string> | undefined,
  ...names: string[]
): string | undefined {
  if (!fields) return undefined;
  for (const name of names) {
    const exact = fields[name];
    if (exact) return exact;
    const nested = Object.entries(fields).find(([key]) => key.startsWith(`${name}.`));
    if (nested) return nested[1];
  }
  return undefined;
}
