import { z } from 'zod';
import { API_KEY_MAX, MODEL_ID_MAX, SHORT_NAME_MAX, tooLong, URL_MAX } from '../contract/limits';
import { normaliseBaseUrl, urlTooLong } from './backend-url';
import { userErrorSchema } from './errors';

/**
 * Backend profiles: a named base URL, optional key, default model and generation parameters.
 * `kind` picks the diagnostics and the wording of fixes (Ollama: `ollama pull`, LiteLLM: model_name).
 */
export const profileKinds = ['ollama', 'litellm', 'openai', 'custom'] as const;
export type ProfileKind = (typeof profileKinds)[number];

export interface ProfilePreset {
  kind: ProfileKind;
  name: string;
  baseUrl: string;
  /** What the key field should say for this kind of backend. */
  keyHint: string;
  location: 'local' | 'cloud';
}

export const profilePresets: Record<ProfileKind, ProfilePreset> = {
  ollama: {
    kind: 'ollama',
    name: 'Ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    keyHint: 'Not needed for Ollama.',
    location: 'local',
  },
  litellm: {
    kind: 'litellm',
    name: 'LiteLLM proxy',
    baseUrl: 'http://localhost:4000/v1',
    keyHint: 'The proxy’s master key or a virtual key (sk-…).',
    location: 'local',
  },
  openai: {
    kind: 'openai',
    name: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    keyHint: 'Your OpenAI API key (or set OPENAI_API_KEY).',
    location: 'cloud',
  },
  custom: {
    kind: 'custom',
    name: 'Custom',
    baseUrl: '',
    keyHint: 'Only if the server asks for one.',
    location: 'local',
  },
};

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

/** Loopback and private-network hosts are local; everything else is a cloud backend. */
export function locationOf(url: string): 'local' | 'cloud' {
  let host: string;
  try {
    host = new URL(url).host
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '')
      .toLowerCase();
  } catch {
    return 'cloud';
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host === '::1')
    return 'local';
  const octets = host.split('.').map(Number);
  if (octets.length === 4 && octets.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) {
    const [a = 0, b = 0] = octets;
    return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31)
      ? 'local'
      : 'cloud';
  }
  return /^(fd|fe80)/.test(host) ? 'local' : 'cloud';
}

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
  /** Cause and fix when the outcome is not ok. */
  error: userErrorSchema.optional(),
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
  litellm: z.object({ alive: z.boolean(), detail: z.string().optional() }).optional(),
  checkedAt: z.number(),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;

/** A model as the backend lists it, with Ollama's details where it gives them. */
export interface ModelInfo {
  id: string;
  sizeBytes?: number;
  family?: string;
  parameterSize?: string;
  quantization?: string;
  loaded?: boolean;
}

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
