import { toolSettingsSchema, type ToolSettings } from '../../../../shared/domain/tools';

/**
 * The tool settings as typed, checked with the contract's own schema (same bounds and words as main),
 * so an error shows at its field before anything is sent. Only the settings view (a lazy chunk that
 * has zod already) imports this.
 */
export interface ToolSettingsForm {
  maxRounds: string;
  callTimeoutSeconds: string;
}

const emptyWords: Record<keyof ToolSettingsForm, string> = {
  maxRounds: 'Enter a number of rounds.',
  callTimeoutSeconds: 'Enter a number of seconds.',
};

/** Field errors keyed as main keys its own (`maxRounds`, `callTimeoutSeconds`). */
export function settingsFieldErrors(form: ToolSettingsForm): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const name of Object.keys(emptyWords) as (keyof ToolSettingsForm)[]) {
    const text = form[name].trim();
    if (text === '') {
      errors[name] = emptyWords[name];
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value)) {
      errors[name] = 'Enter a whole number.';
      continue;
    }
    const checked = toolSettingsSchema.shape[name].safeParse(value);
    if (!checked.success) errors[name] = checked.error.issues[0]?.message ?? 'Not a valid value.';
  }
  return errors;
}

/** The `tools.updateSettings` input (call only when `settingsFieldErrors` found nothing). */
export function settingsFromForm(form: ToolSettingsForm): ToolSettings {
  return {
    maxRounds: Number(form.maxRounds.trim()),
    callTimeoutSeconds: Number(form.callTimeoutSeconds.trim()),
  };
}
