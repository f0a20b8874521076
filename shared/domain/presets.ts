import { z } from 'zod';
import { ID_MAX, SHORT_NAME_MAX, SYSTEM_PROMPT_MAX, tooLong } from '../contract/limits';

/**
 * System prompt presets: a small library a conversation's system prompt can be chosen from. The
 * built-ins live in code and cannot be changed; the user's own are saved in main.
 */
export interface SystemPromptPreset {
  id: string;
  name: string;
  /** Empty only for the plain assistant, which sends no system prompt at all. */
  prompt: string;
  builtIn: boolean;
  /** Tool sources a conversation turns on when it takes this preset (TaskMaster: the task list). */
  tools?: string[];
}

/** A preset's prompt is a system prompt: the same limit. */
export const PRESET_PROMPT_MAX = SYSTEM_PROMPT_MAX;
const promptLimit = `under ${PRESET_PROMPT_MAX.toLocaleString('en-US')} characters`;

/**
 * The plain assistant is no system prompt at all (the model's own default behaviour), rather than a
 * made-up "You are a helpful assistant." — choosing it removes the conversation's system prompt.
 */
export const PLAIN_PRESET_ID = 'builtin-plain';
export const TASKMASTER_PRESET_ID = 'builtin-taskmaster';

export const BUILT_IN_PRESETS: readonly SystemPromptPreset[] = [
  {
    id: TASKMASTER_PRESET_ID,
    name: 'TaskMaster',
    prompt:
      'You are TaskMaster, a helpful task management assistant. You keep a real task list with your ' +
      'tools: create, list, update, complete and delete tasks by calling them. Never say a task was ' +
      'created, changed or deleted without calling the tool, and report what the tool answered. ' +
      'Due dates are days written YYYY-MM-DD.',
    builtIn: true,
    tools: ['tasks'],
  },
  { id: PLAIN_PRESET_ID, name: 'Plain assistant', prompt: '', builtIn: true },
];

const id = z.string().min(1).max(ID_MAX, tooLong('The id', ID_MAX));

/** Creates a preset, or replaces the user's preset `id`. */
export const presetInputSchema = z
  .object({
    id: id.optional(),
    name: z
      .string()
      .trim()
      .min(1, 'Give the preset a name.')
      .max(SHORT_NAME_MAX, `Keep the name under ${SHORT_NAME_MAX} characters.`),
    prompt: z
      .string()
      .max(PRESET_PROMPT_MAX, `Keep the prompt ${promptLimit}.`)
      .refine((text) => text.trim().length > 0, 'Write the system prompt.'),
  })
  .strict();
export type PresetInput = z.input<typeof presetInputSchema>;

/** A conversation's system prompt; empty removes it. `presetId`: the preset it was taken from, if unedited. */
export const systemPromptInputSchema = z
  .object({
    conversationId: id,
    prompt: z.string().max(PRESET_PROMPT_MAX, `Keep the system prompt ${promptLimit}.`),
    presetId: id.optional(),
  })
  .strict();
