import type { ModelCapabilities } from '../../../../shared/domain/profiles';
import { defineAdapter } from '../adapter';
import type { ListedModel } from '../model-list';
import { requestJson, tokens } from '../http';

/** OpenAI's `/models` does not report context windows; these are from its model pages. Longest prefix wins. */
const OPENAI_CONTEXT: readonly [prefix: string, tokens: number][] = [
  ['gpt-5', 400_000],
  ['gpt-4.1', 1_047_576],
  ['gpt-4o', 128_000],
  ['chatgpt-4o', 128_000],
  ['gpt-4-turbo', 128_000],
  ['gpt-4-1106', 128_000],
  ['gpt-4-0125', 128_000],
  ['gpt-4-32k', 32_768],
  ['gpt-4', 8_192],
  ['gpt-3.5-turbo', 16_385],
  ['o1-mini', 128_000],
  ['o1-preview', 128_000],
  ['o1', 200_000],
  ['o3', 200_000],
  ['o4-mini', 200_000],
];

/**
 * Which OpenAI models read images, from its model pages (`/models` does not say). Longest prefix
 * wins; a model in no row is unknown (the composer then does not warn).
 */
const OPENAI_VISION: readonly [prefix: string, sees: boolean][] = [
  ['gpt-5', true],
  ['gpt-4.1', true],
  ['gpt-4o', true],
  ['chatgpt-4o', true],
  ['gpt-4-turbo', true],
  ['gpt-4-vision', true],
  ['gpt-4.5', true],
  ['o1-mini', false],
  ['o1-preview', false],
  ['o1', true],
  ['o3-mini', false],
  ['o3', true],
  ['o4', true],
  ['gpt-4', false],
  ['gpt-3.5', false],
  ['text-embedding', false],
  ['babbage', false],
  ['davinci', false],
  ['tts-', false],
  ['whisper', false],
];

/** The row of a table whose prefix is the longest that `model` starts with. */
function longestPrefix<T>(table: readonly [string, T][], model: string): T | undefined {
  return table
    .filter(([prefix]) => model.startsWith(prefix))
    .sort((a, b) => b[0].length - a[0].length)[0]?.[1];
}

/** What the table says a model can do; unknown models get nothing. */
function capabilitiesOf(model: string): ModelCapabilities {
  const vision = longestPrefix(OPENAI_VISION, model);
  return vision === undefined ? {} : { vision };
}

/** OpenAI itself: a cloud backend with a key; context lengths and vision from tables, never a request. */
export const openaiAdapter = defineAdapter({
  kind: 'openai',
  wording: {
    start: 'Check your network connection and the backend URL (https://api.openai.com/v1).',
    missingModel: () => 'Pick a model your OpenAI key may use, from the list or by its exact name.',
    noModels: 'Check that this key’s project may use models on OpenAI.',
    badKey:
      'Set a valid OpenAI API key in settings (create one at platform.openai.com/api-keys), or OPENAI_API_KEY.',
    noVision: 'Choose a model that reads images, such as gpt-4o, gpt-4.1 or gpt-5, or remove the images.',
  },

  /** Vision from the table, so the model picker knows without a request. */
  modelDetails() {
    return Promise.resolve(({ id }: ListedModel) => {
      const capabilities = capabilitiesOf(id);
      return Object.keys(capabilities).length > 0 ? { capabilities } : undefined;
    });
  },

  capabilities(_target, model) {
    return Promise.resolve(capabilitiesOf(model));
  },

  contextLength(_target, model) {
    const match = OPENAI_CONTEXT.filter(([prefix]) => model.startsWith(prefix)).sort(
      (a, b) => b[0].length - a[0].length,
    )[0];
    return Promise.resolve(
      match
        ? {
            contextLength: match[1],
            source: 'model',
            detail: `${model} takes ${tokens(match[1])} tokens (OpenAI’s figure).`,
          }
        : undefined,
    );
  },

  /** Without a key OpenAI answers `/v1/models` with a 401 that sends you to platform.openai.com. */
  async identify(origin, http) {
    const reply = await requestJson(`${origin}/v1/models`, http);
    if (!reply || reply.status !== 401 || !reply.body || typeof reply.body !== 'object') return false;
    const error = (reply.body as { error?: { message?: unknown; type?: unknown } }).error;
    return (
      error?.type === 'invalid_request_error' &&
      typeof error.message === 'string' &&
      /API key/.test(error.message) &&
      /Authorization: Bearer/.test(error.message)
    );
  },
});
