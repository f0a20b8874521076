import { z } from 'zod';
import { API_KEY_MAX, MODEL_ID_MAX, SHORT_NAME_MAX, tooLong, URL_MAX } from '../contract/limits';
import { normaliseBaseUrl, urlTooLong } from './backend-url';
import { userErrorSchema } from './user-error-schema';
import { reasoningEffortSchema } from './reasoning-effort';

import { profileKinds } from './backend-presets';

/**
 * Backend profiles: a named base URL, optional key, default model and generation parameters.
 * `kind` picks the adapter main uses for diagnostics, context length and the wording of fixes;
 * kinds, default ports and presets live in `backend-presets.ts`.
 */
export {
  DEFAULT_PORTS,
  EXAMPLE_BASE_URL,
  guessKind,
  profileKinds,
  profilePresets,
  type ProfileKind,
  type ProfilePreset,
} from './backend-presets';

export const profileParamsSchema = z
  .object({
    temperature: z
      .number({ error: 'Temperature must be a number.' })
      .min(0, 'Temperature is at least 0.')
      .max(2, 'Temperature is at most 2.')
      .optional(),
    topP: z
      .number({ error: 'Top P must be a number.' })
      .gt(0, 'Top P is more than 0.')
      .max(1, 'Top P is at most 1.')
      .optional(),
    maxTokens: z
      .number({ error: 'Max tokens must be a number.' })
      .int('Max tokens must be a whole number.')
      .min(1, 'Max tokens is at least 1.')
      .max(1_000_000, 'Max tokens is at most 1,000,000.')
      .optional(),
    contextLength: z
      .number({ error: 'Context length must be a number.' })
      .int('Context length must be a whole number.')
      .min(256, 'Context length is at least 256.')
      .max(10_000_000, 'Context length is at most 10,000,000.')
      .optional(),
    /** Sent as `reasoning_effort` only when set; a conversation's own choice overrides it. */
    reasoningEffort: reasoningEffortSchema.optional(),
  })
  .strict();
export type ProfileParams = z.infer<typeof profileParamsSchema>;

/** What the renderer sees of a profile: never the key, only whether one is set. */
export const profileViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(profileKinds),
  baseUrl: z.string(),
  defaultModel: z.string().optional(),
  params: profileParamsSchema,
  hasApiKey: z.boolean(),
  /** Where the key comes from: saved in settings, or the OPENAI_API_KEY environment variable. */
  apiKeySource: z.enum(['none', 'saved', 'environment']),
  location: z.enum(['local', 'cloud']),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

const name = z
  .string()
  .trim()
  .min(1, 'Give the profile a name.')
  .max(SHORT_NAME_MAX, `Keep the name under ${SHORT_NAME_MAX} characters.`);

const baseUrl = z
  .string()
  .max(URL_MAX, urlTooLong)
  .transform((value, ctx) => {
    const result = normaliseBaseUrl(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    }
    return result.url;
  });

/**
 * A key is one token: whitespace inside is a paste mistake, at the ends it is trimmed. The length is
 * checked first, so a pasted file is refused before it is scanned.
 */
const apiKey = z
  .string()
  .max(API_KEY_MAX, tooLong('The key', API_KEY_MAX, 'Paste only the API key.'))
  .transform((value) => value.trim())
  .refine((value) => !/\s/.test(value), 'The key contains spaces or line breaks; paste only the key.');

const model = z
  .string()
  .trim()
  .min(1, 'The model name is empty.')
  .max(MODEL_ID_MAX, tooLong('The model name', MODEL_ID_MAX, 'Use the id the backend lists.'));

/**
 * The profile editor's input. `apiKey`: a string sets it, `null` removes it, absent leaves it.
 * `defaultModel`: a string sets it, `null` clears it (then the backend's first model is used).
 */
export const profileInputSchema = z
  .object({
    name,
    kind: z.enum(profileKinds),
    baseUrl,
    apiKey: apiKey.nullable().optional(),
    defaultModel: model.nullable().optional(),
    params: profileParamsSchema.default({}),
  })
  .strict();
export type ProfileInput = z.input<typeof profileInputSchema>;
export type ParsedProfileInput = z.output<typeof profileInputSchema>;

export const profilePatchSchema = profileInputSchema.partial().strict();
export type ProfilePatch = z.input<typeof profilePatchSchema>;

/** What a model can do, where the server says (Ollama's `/api/show`, LM Studio's listing); absent: unknown. */
export const modelCapabilitiesSchema = z.object({
  tools: z.boolean().optional(),
  vision: z.boolean().optional(),
  reasoning: z.boolean().optional(),
});
export type ModelCapabilities = z.infer<typeof modelCapabilitiesSchema>;

/** A model as the backend lists it, with the details its server gives (Ollama, LM Studio, vLLM, llama.cpp). */
export const modelInfoSchema = z.object({
  id: z.string(),
  sizeBytes: z.number().optional(),
  family: z.string().optional(),
  parameterSize: z.string().optional(),
  quantization: z.string().optional(),
  loaded: z.boolean().optional(),
  /** The context the server runs (or would run) it with. */
  contextLength: z.number().optional(),
  capabilities: modelCapabilitiesSchema.optional(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** The result of "Test connection": which URL was checked, and what was found or what failed. */
export const connectionReportSchema = z.object({
  profileId: z.string().optional(),
  /** The exact URL the test requested; chat uses the same base. */
  url: z.string(),
  outcome: z.enum([
    'ok',
    'refused',
    'dns',
    'timeout',
    'offline',
    'wrong-path',
    'auth',
    'no-models',
    'server-error',
    'bad-response',
  ]),
  latencyMs: z.number().optional(),
  modelCount: z.number().optional(),
  /** The ids `/models` listed (the first 50), so a success can name them: "1 model: llama3.2". */
  modelIds: z.array(z.string()).optional(),
  /** Cause and fix when the outcome is not ok. */
  error: userErrorSchema.optional(),
  /**
   * What the backend's own endpoints told, worded by its adapter: shown as is, so the window needs
   * no code per kind. Absent when the server answered nothing beyond `/models`.
   */
  diagnostics: z
    .object({
      /** The server as it names itself, e.g. "Ollama 0.12.3", "LM Studio", "vLLM". */
      server: z.string(),
      notes: z.array(z.object({ text: z.string(), tone: z.enum(['info', 'warning']) })),
      /** Its models with what it says about them (size, quantisation, loaded, context, capabilities). */
      models: z.array(modelInfoSchema),
    })
    .optional(),
  /** Ollama's own answers, for callers that need the raw facts. */
  ollama: z
    .object({
      version: z.string().optional(),
      installed: z.array(
        z.object({
          name: z.string(),
          sizeBytes: z.number().optional(),
          family: z.string().optional(),
          parameterSize: z.string().optional(),
          quantization: z.string().optional(),
        }),
      ),
      loaded: z.array(z.string()),
    })
    .optional(),
  /**
   * A one-token completion that proves the key where `/models` is public (llama.cpp with --api-key):
   * run for local profiles always, for cloud ones only on request (it costs a token).
   */
  completion: z
    .object({
      outcome: z.enum(['ok', 'auth', 'failed', 'skipped']),
      model: z.string().optional(),
      latencyMs: z.number().optional(),
      /** `skipped`: why (a cloud profile, ask for it); `failed`/`auth`: the cause and fix. */
      detail: z.string().optional(),
      error: userErrorSchema.optional(),
    })
    .optional(),
  /** LiteLLM's `/health/liveliness`. */
  litellm: z.object({ alive: z.boolean(), detail: z.string().optional() }).optional(),
  checkedAt: z.number(),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;

/** Live status of a profile, refreshed in the background: a cloud profile shows offline and recovers by itself. */
export interface ProfileStatus {
  profileId: string;
  state: 'online' | 'offline' | 'unreachable' | 'error' | 'unknown';
  /** One sentence for a tooltip, e.g. "12 models, 8 ms" or the failure's cause. */
  summary: string;
  checkedAt: number;
}

/** How keys are protected on this machine (Electron safeStorage, or the browser host's key file). */
export interface SecretStorageStatus {
  /** True when keys are encrypted with a key the OS protects (Keychain, DPAPI, libsecret, KWallet). */
  encrypted: boolean;
  backend: string;
  /** Shown in settings when keys are only obfuscated (Linux without a keyring: `basic_text`). */
  warning?: string;
}
