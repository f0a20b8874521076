import { DEFAULT_CONTEXT_LENGTH, type ContextSource } from '../../../shared/domain/context-budget';
import { locationOf, type ProfileView } from '../../../shared/domain/profiles';
import { authHeaders, defaultNetworkProbe, originOf, type NetworkProbe } from './backend-target';

/** A model's context window and where the number came from. */
export interface ContextLengthInfo {
  contextLength: number;
  source: ContextSource;
  /** One sentence for a tooltip. */
  detail: string;
}

export type ContextProfile = Pick<ProfileView, 'id' | 'kind' | 'baseUrl' | 'params'> & { apiKey?: string };

export interface ContextLengthDeps {
  fetch?: typeof fetch;
  /** Per metadata request. Default 3 s: it runs before a chat request, so it must not hold one up long. */
  timeoutMs?: number;
  network?: NetworkProbe;
  now?: () => number;
  /** How long an answer is trusted. Default 5 minutes (Ollama's loaded context can change). */
  ttlMs?: number;
  /**
   * How long a failed lookup or a default is not retried. Default 30 s, so a dead backend is not
   * asked on every keystroke.
   */
  failureTtlMs?: number;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * The context length of a profile's model: the profile's own setting wins; else what the backend
 * says — Ollama: the context a loaded model actually runs with (`/api/ps`), else `num_ctx` from its
 * Modelfile (`/api/show`), else Ollama's default of 4,096 (capped by the model's maximum from
 * `model_info`), since Ollama does not run a model at its maximum unless told to; LiteLLM:
 * `max_input_tokens` from `/model/info`; OpenAI: a table of well-known models — else 4,096.
 * Answers are cached per profile, URL and model; lookups never throw.
 */
export class ContextLengths {
  readonly #cache = new Map<string, { info: ContextLengthInfo; until: number }>();
  readonly #pending = new Map<string, Promise<ContextLengthInfo>>();
  readonly #now: () => number;

  constructor(private readonly deps: ContextLengthDeps = {}) {
    this.#now = deps.now ?? Date.now;
  }

  async of(profile: ContextProfile, model: string | undefined): Promise<ContextLengthInfo> {
    const set = profile.params.contextLength;
    if (set !== undefined)
      return { contextLength: set, source: 'profile', detail: `Set in the profile (${n(set)} tokens).` };
    if (!model) return fallback('No model is chosen yet.');
    const key = `${profile.id}\n${profile.kind}\n${profile.baseUrl}\n${model}`;
    const cached = this.#cache.get(key);
    if (cached && cached.until > this.#now()) return cached.info;
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const lookup = this.#lookup(profile, model)
      .catch(() => undefined)
      .then((found) => {
        const info = found ?? fallback(`${model}'s context length is not known.`);
        // A guess (nothing loaded, no num_ctx) is rechecked soon: once the model is loaded, /api/ps knows.
        const ttl =
          found && found.source !== 'default'
            ? (this.deps.ttlMs ?? 5 * 60_000)
            : (this.deps.failureTtlMs ?? 30_000);
        this.#cache.set(key, { info, until: this.#now() + ttl });
        return info;
      })
      .finally(() => this.#pending.delete(key));
    this.#pending.set(key, lookup);
    return lookup;
  }

  /** Forgets cached answers (all, or one profile's), e.g. after a profile was edited. */
  forget(profileId?: string): void {
    for (const key of this.#cache.keys())
      if (!profileId || key.startsWith(`${profileId}\n`)) this.#cache.delete(key);
  }

  async #lookup(profile: ContextProfile, model: string): Promise<ContextLengthInfo | undefined> {
    if (profile.kind === 'openai') return knownOpenAiModel(model);
    const network = this.deps.network ?? defaultNetworkProbe;
    if (locationOf(profile.baseUrl) === 'cloud' && !network.isOnline()) return undefined;
    if (profile.kind === 'ollama') return this.#ollama(profile, model);
    if (profile.kind === 'litellm') return this.#litellm(profile, model);
    return undefined;
  }

  async #ollama(profile: ContextProfile, model: string): Promise<ContextLengthInfo | undefined> {
    const origin = originOf(profile.baseUrl);
    const headers = authHeaders(profile.apiKey);
    const [ps, show] = await Promise.all([
      this.#json(`${origin}/api/ps`, { headers }),
      // `model` is today's field, `name` the older one; Ollama reads either.
      this.#json(`${origin}/api/show`, { headers, body: { model, name: model } }),
    ]);
    const names = new Set([model, `${model}:latest`, model.replace(/:latest$/, '')]);
    const loaded = listOf(ps, 'models').find(
      (m) => names.has(String(m.name ?? '')) || names.has(String(m.model ?? '')),
    );
    const running = positiveInt(loaded?.context_length);
    if (running)
      return {
        contextLength: running,
        source: 'model',
        detail: `Ollama runs ${model} with ${n(running)} tokens.`,
      };

    const info = show && typeof show === 'object' ? (show as Record<string, unknown>) : {};
    const numCtx = /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(
      typeof info.parameters === 'string' ? info.parameters : '',
    );
    const configured = positiveInt(Number(numCtx?.[1]));
    if (configured)
      return {
        contextLength: configured,
        source: 'model',
        detail: `${model} sets num_ctx ${n(configured)} in its Modelfile.`,
      };

    const maximum = modelMaximum(info.model_info);
    if (maximum === undefined) return undefined;
    if (maximum <= DEFAULT_CONTEXT_LENGTH)
      return {
        contextLength: maximum,
        source: 'model',
        detail: `${model} takes at most ${n(maximum)} tokens.`,
      };
    return {
      contextLength: DEFAULT_CONTEXT_LENGTH,
      source: 'default',
      detail:
        `Ollama runs models with ${n(DEFAULT_CONTEXT_LENGTH)} tokens unless num_ctx or OLLAMA_CONTEXT_LENGTH says ` +
        `otherwise (${model} could take ${n(maximum)}); set Context length in the profile if yours is larger.`,
    };
  }

  async #litellm(profile: ContextProfile, model: string): Promise<ContextLengthInfo | undefined> {
    const reply = await this.#json(`${originOf(profile.baseUrl)}/model/info`, {
      headers: authHeaders(profile.apiKey),
    });
    const entry = listOf(reply, 'data').find((d) => d.model_name === model);
    const info = entry?.model_info && typeof entry.model_info === 'object' ? entry.model_info : {};
    const { max_input_tokens, max_tokens } = info as Record<string, unknown>;
    const tokens = positiveInt(max_input_tokens) ?? positiveInt(max_tokens);
    return tokens
      ? {
          contextLength: tokens,
          source: 'model',
          detail: `LiteLLM says ${model} takes ${n(tokens)} input tokens.`,
        }
      : undefined;
  }

  /** A small JSON request (POST when `body` is given); undefined on any failure or non-2xx. */
  async #json(
    url: string,
    options: { headers: Record<string, string>; body?: unknown },
  ): Promise<unknown | undefined> {
    const doFetch = this.deps.fetch ?? globalThis.fetch;
    try {
      const response = await doFetch(url, {
        method: options.body === undefined ? 'GET' : 'POST',
        headers: {
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(this.deps.timeoutMs ?? 3_000),
      });
      if (!response.ok) {
        await response.body?.cancel();
        return undefined;
      }
      return (await response.json()) as unknown;
    } catch {
      return undefined;
    }
  }
}

function fallback(why: string): ContextLengthInfo {
  return {
    contextLength: DEFAULT_CONTEXT_LENGTH,
    source: 'default',
    detail: `${why} Assuming ${n(DEFAULT_CONTEXT_LENGTH)} tokens; set Context length in the profile to change it.`,
  };
}

const positiveInt = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

function listOf(body: unknown, field: string): Record<string, unknown>[] {
  const list = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  return Array.isArray(list)
    ? list.filter((m): m is Record<string, unknown> => !!m && typeof m === 'object')
    : [];
}

/** `model_info["<architecture>.context_length"]`, else any `*.context_length`. */
function modelMaximum(modelInfo: unknown): number | undefined {
  if (!modelInfo || typeof modelInfo !== 'object') return undefined;
  const info = modelInfo as Record<string, unknown>;
  const arch = info['general.architecture'];
  const direct = typeof arch === 'string' ? positiveInt(info[`${arch}.context_length`]) : undefined;
  if (direct) return direct;
  for (const [key, value] of Object.entries(info))
    if (key.endsWith('.context_length') && positiveInt(value)) return value as number;
  return undefined;
}

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

function knownOpenAiModel(model: string): ContextLengthInfo | undefined {
  const match = OPENAI_CONTEXT.filter(([prefix]) => model.startsWith(prefix)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0];
  return match
    ? {
        contextLength: match[1],
        source: 'model',
        detail: `${model} takes ${n(match[1])} tokens (OpenAI’s figure).`,
      }
    : undefined;
}
