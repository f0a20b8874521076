import {
  profileInputSchema,
  profileKinds,
  profilePresets,
  type ParsedProfileInput,
  type ProfileKind,
  type ProfilePreset,
  type ProfileView,
} from '../../../../shared/domain/profiles';
import type { ReasoningEffort } from '../../../../shared/domain/reasoning-effort';

/**
 * The profile editor's state and its translation into the contract's input, checked with the same
 * schema main uses, so a field error here reads exactly as main's would.
 */

/** What the user did with the key: left it alone, typed one, or asked to remove the saved one. */
export type KeyEdit = { mode: 'keep' } | { mode: 'set'; value: string } | { mode: 'remove' };

export const paramKeys = ['temperature', 'topP', 'maxTokens', 'contextLength'] as const;
export type ParamKey = (typeof paramKeys)[number];

export const paramLabels: Record<ParamKey, string> = {
  temperature: 'Temperature',
  topP: 'Top P',
  maxTokens: 'Max tokens',
  contextLength: 'Context length',
};

/** Number inputs: step and bounds for the spin buttons (the schema has the final word). */
export const paramInputs: Record<ParamKey, { min: number; max: number; step: number | 'any' }> = {
  temperature: { min: 0, max: 2, step: 0.1 },
  topP: { min: 0, max: 1, step: 0.05 },
  maxTokens: { min: 1, max: 1_000_000, step: 1 },
  contextLength: { min: 256, max: 10_000_000, step: 256 },
};

export interface ProfileForm {
  name: string;
  kind: ProfileKind;
  baseUrl: string;
  key: KeyEdit;
  defaultModel: string;
  /** As typed; empty means the backend's default. */
  params: Record<ParamKey, string>;
  /** Empty: not sent (the server's own default). */
  reasoningEffort: ReasoningEffort | '';
}

/** Field names as main reports them in `UserError.fields`: `name`, `baseUrl`, `params.temperature`… */
export type FieldErrors = Record<string, string>;

export const kindLabels: Record<ProfileKind, string> = Object.fromEntries(
  profileKinds.map((kind) => [kind, profilePresets[kind].name]),
) as Record<ProfileKind, string>;

export function formFromProfile(profile: ProfileView): ProfileForm {
  const params = {} as Record<ParamKey, string>;
  for (const key of paramKeys) {
    const value = profile.params[key];
    params[key] = value === undefined ? '' : String(value);
  }
  return {
    name: profile.name,
    kind: profile.kind,
    baseUrl: profile.baseUrl,
    key: profile.hasApiKey ? { mode: 'keep' } : { mode: 'set', value: '' },
    defaultModel: profile.defaultModel ?? '',
    params,
    reasoningEffort: profile.params.reasoningEffort ?? '',
  };
}

export function formFromPreset(preset: ProfilePreset, name: string): ProfileForm {
  return {
    name,
    kind: preset.kind,
    baseUrl: preset.baseUrl,
    key: { mode: 'set', value: '' },
    defaultModel: '',
    params: { temperature: '', topP: '', maxTokens: '', contextLength: '' },
    reasoningEffort: '',
  };
}

/** "Ollama", or "Ollama 2" when that is taken (names are unique, case-insensitively). */
export function uniqueName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.trim().toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/**
 * Changing the kind brings its preset URL along when the URL was still another preset's (or empty):
 * a URL the user typed stays.
 */
export function withKind(form: ProfileForm, kind: ProfileKind): ProfileForm {
  const wasPreset =
    form.baseUrl.trim() === '' || profileKinds.some((k) => profilePresets[k].baseUrl === form.baseUrl);
  return {
    ...form,
    kind,
    baseUrl: wasPreset && profilePresets[kind].baseUrl ? profilePresets[kind].baseUrl : form.baseUrl,
  };
}

export type BuiltInput = { ok: true; input: ParsedProfileInput } | { ok: false; fields: FieldErrors };

/**
 * The form as the contract's input, checked by `profileInputSchema`. `badInput` names number fields
 * the browser could not read as a number (their value is then empty, which would pass as "default").
 * For a saved profile an emptied default model is `null` (clear it); an untouched key is left out.
 */
export function buildInput(
  form: ProfileForm,
  options: { isNew: boolean; badInput?: ReadonlySet<ParamKey> },
): BuiltInput {
  const params: Record<string, unknown> = {};
  for (const key of paramKeys) {
    const raw = form.params[key].trim();
    if (raw === '') continue;
    const value = Number(raw);
    params[key] = Number.isFinite(value) ? value : raw;
  }
  if (form.reasoningEffort !== '') params.reasoningEffort = form.reasoningEffort;
  const candidate: Record<string, unknown> = {
    name: form.name,
    kind: form.kind,
    baseUrl: form.baseUrl,
    params,
  };
  if (form.key.mode === 'set' && form.key.value.trim() !== '') candidate.apiKey = form.key.value;
  if (form.key.mode === 'remove') candidate.apiKey = null;
  const model = form.defaultModel.trim();
  if (model) candidate.defaultModel = model;
  else if (!options.isNew) candidate.defaultModel = null;

  const parsed = profileInputSchema.safeParse(candidate);
  const fields: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.') || 'form';
      fields[path] ??= issue.message;
    }
  }
  for (const key of options.badInput ?? []) fields[`params.${key}`] = `${paramLabels[key]} must be a number.`;
  if (Object.keys(fields).length > 0 || !parsed.success) return { ok: false, fields };
  return { ok: true, input: parsed.data };
}

/** Field ids in the order they appear, to focus the first one with an error. */
export const fieldOrder = [
  'name',
  'kind',
  'baseUrl',
  'apiKey',
  'defaultModel',
  ...paramKeys.map((key) => `params.${key}`),
  'params.reasoningEffort',
] as const;

/** A DOM id for a field name (`params.topP` → `profile-params-topP`). */
export function fieldId(field: string): string {
  return `profile-${field.replace(/\./g, '-')}`;
}
