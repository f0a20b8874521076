import { z } from 'zod';
import { MODEL_ID_MAX, tooLong } from './limits';
import type { DiscoveryReport } from '../domain/discovery';
import type { LoadedModel, PullProgress } from '../domain/ollama-models';
import { answer, id, none } from './route-helpers';

const modelName = z
  .string()
  .trim()
  .min(1, 'Type the name of a model, e.g. llama3.2 or qwen3:8b.')
  .max(MODEL_ID_MAX, tooLong('The model name', MODEL_ID_MAX));

/** Finding local servers on first run, and managing an Ollama server's models. */
export const modelRoutes = {
  /**
   * Looks for model servers on this computer's default ports (Ollama 11434, LM Studio 1234,
   * llama.cpp 8080, LiteLLM 4000, vLLM 8000, Jan 1337), identifying each by what it answers.
   * Loopback only; a few seconds at most.
   */
  'onboarding.scan': { input: none, output: answer<DiscoveryReport>() },

  /** Starts pulling a model; progress arrives as `ollama.pull` events. */
  'ollama.pull': {
    input: z.object({ profileId: id, model: modelName }).strict(),
    output: answer<{ pullId: string }>(),
  },
  /** Stops a pull (closing the connection cancels it in Ollama). Idempotent. */
  'ollama.cancelPull': { input: z.object({ pullId: id }).strict(), output: answer<{ cancelled: boolean }>() },
  /** The pulls running now, as far as they got (a window that opens mid-pull shows them). */
  'ollama.pulls': { input: none, output: answer<PullProgress[]>() },
  /**
   * How many conversations would lose their model if it were deleted (theirs, or their profile's
   * default), so the window can ask for a replacement first.
   */
  'ollama.usage': {
    input: z.object({ profileId: id, model: modelName }).strict(),
    output: answer<{ conversations: number; isDefaultModel: boolean }>(),
  },
  /**
   * Deletes a model from the server's disk (the window confirms first). With `replacement`, the
   * conversations that used it (and the profile's default model) move to that model. `usedBy`: how
   * many used it; `reassigned`: how many moved.
   */
  'ollama.delete': {
    input: z.object({ profileId: id, model: modelName, replacement: modelName.optional() }).strict(),
    output: answer<{ model: string; usedBy: number; reassigned: number }>(),
  },
  /** The models loaded in memory now (`/api/ps`). */
  'ollama.loaded': { input: z.object({ profileId: id }).strict(), output: answer<LoadedModel[]>() },
  /** Unloads a model from memory (`keep_alive: 0`). */
  'ollama.unload': {
    input: z.object({ profileId: id, model: modelName }).strict(),
    output: answer<{ model: string }>(),
  },
} as const;
