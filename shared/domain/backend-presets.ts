/**
 * The kinds of backend a profile can be, and each kind's preset. Every default port is written here
 * once: presets, the kind guessed from a bare URL, examples in messages and the main side's adapters
 * (`electron/services/backends/`, one per kind) all read it. Pure, so the renderer can show presets.
 */
export const profileKinds = [
  'ollama',
  'litellm',
  'openai',
  'llamacpp',
  'vllm',
  'lmstudio',
  'custom',
] as const;
export type ProfileKind = (typeof profileKinds)[number];

/** Where each local server listens unless told otherwise. */
export const DEFAULT_PORTS = {
  ollama: 11434,
  litellm: 4000,
  llamacpp: 8080,
  vllm: 8000,
  lmstudio: 1234,
} as const satisfies Partial<Record<ProfileKind, number>>;

export interface ProfilePreset {
  kind: ProfileKind;
  name: string;
  /** Empty for Custom: the user types it. */
  baseUrl: string;
  /** What the key field should say for this kind of backend. */
  keyHint: string;
  location: 'local' | 'cloud';
}

const local = (port: number, host = '127.0.0.1') => `http://${host}:${port}/v1`;

export const profilePresets: Record<ProfileKind, ProfilePreset> = {
  ollama: {
    kind: 'ollama',
    name: 'Ollama',
    baseUrl: local(DEFAULT_PORTS.ollama),
    keyHint: 'Not needed for Ollama.',
    location: 'local',
  },
  litellm: {
    kind: 'litellm',
    name: 'LiteLLM proxy',
    baseUrl: local(DEFAULT_PORTS.litellm, 'localhost'),
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
  llamacpp: {
    kind: 'llamacpp',
    name: 'llama.cpp server',
    baseUrl: local(DEFAULT_PORTS.llamacpp),
    keyHint: 'Only if llama-server was started with --api-key.',
    location: 'local',
  },
  vllm: {
    kind: 'vllm',
    name: 'vLLM',
    baseUrl: local(DEFAULT_PORTS.vllm),
    keyHint: 'Only if vllm serve was started with --api-key.',
    location: 'local',
  },
  lmstudio: {
    kind: 'lmstudio',
    name: 'LM Studio',
    baseUrl: local(DEFAULT_PORTS.lmstudio),
    keyHint: 'Only if authentication is turned on in LM Studio’s server settings.',
    location: 'local',
  },
  custom: {
    kind: 'custom',
    name: 'Custom',
    baseUrl: '',
    keyHint: 'Only if the server asks for one.',
    location: 'local',
  },
};

/** The example base URL messages show (the default backend's). */
export const EXAMPLE_BASE_URL = profilePresets.ollama.baseUrl;

/**
 * The kind a bare URL most likely is, for profiles made from a URL alone (the command line, first
 * run) and for wording a failure of a Custom profile: by its default port, else Custom.
 */
export function guessKind(baseUrl: string): ProfileKind {
  if (/^https:\/\/api\.openai\.com(\/|$)/.test(baseUrl)) return 'openai';
  const port = /^[a-z]+:\/\/[^/]*:(\d+)(\/|$)/i.exec(baseUrl)?.[1];
  const found = Object.entries(DEFAULT_PORTS).find(([, p]) => String(p) === port);
  return found ? (found[0] as ProfileKind) : 'custom';
}
