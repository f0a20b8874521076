import type { Message } from '../../../../shared/domain/conversation';
import { answerText } from '../../../../shared/domain/message-content';
import type { SystemPromptPreset } from '../../../../shared/domain/presets';

/**
 * Which preset a conversation's system prompt is, and how the bar above the transcript names it.
 * Pure: the built-ins and saved presets come from `presets.list`.
 */

/** The plain assistant: the built-in preset that is no system prompt at all. */
export function plainPreset(presets: readonly SystemPromptPreset[]): SystemPromptPreset | undefined {
  return presets.find((p) => p.builtIn && p.prompt === '');
}

/**
 * The preset a system prompt came from: by its `presetId` while its text is still the preset's,
 * else any preset with the very same text; no prompt is the plain assistant. Undefined: a custom prompt.
 */
export function presetOfPrompt(
  presets: readonly SystemPromptPreset[],
  system: Pick<Message, 'parts' | 'presetId'> | undefined,
): SystemPromptPreset | undefined {
  const prompt = system ? answerText(system) : '';
  if (!system || prompt.trim() === '') return plainPreset(presets);
  const byId = presets.find((p) => p.id === system.presetId);
  if (byId && byId.prompt === prompt) return byId;
  return presets.find((p) => p.prompt !== '' && p.prompt === prompt);
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** "No system prompt (Plain assistant)", "TaskMaster — You are TaskMaster, …", "Custom — …". */
export function systemPromptSummary(
  system: Pick<Message, 'parts'> | undefined,
  preset: SystemPromptPreset | undefined,
  max = 90,
): string {
  const prompt = system ? answerText(system) : '';
  if (prompt.trim() === '') return 'No system prompt (Plain assistant)';
  return `${preset?.name ?? 'Custom'} — ${oneLine(prompt, max)}`;
}
