import { DEFAULT_CONTEXT_LENGTH } from '../../../shared/domain/context-budget';
import { type ProfileView } from '../../../shared/domain/profiles';
import { locationOf } from '../../../shared/domain/backend-location';
import type { ContextLengthInfo } from './adapter';
import { adapterFor } from './adapters';
import { defaultNetworkProbe, type NetworkProbe } from './backend-target';
import { tokens as n } from './http';

export type { ContextLengthInfo } from './adapter';

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

/**
 * The context length of a profile's model: the profile's own setting wins; else what the backend
 * says through its kind's adapter (Ollama `/api/ps` and `/api/show`, LiteLLM `/model/info`,
 * llama.cpp `/props`, vLLM `max_model_len`, LM Studio `/api/v0/models`, OpenAI a table) — else
 * 4,096. Answers are cached per profile, URL and model; lookups never throw.
 */
export class ContextLengths {
  readonly #cache = new Map<string, { info: ContextLengthInfo; until: number }>();
  readonly #pending = new Map<string, Promise<ContextLengthInfo>>();
  readonly #now: () => number;

  constructor(private readonly deps: ContextLengthDeps = {}) {
    this.#now = deps.now ?? Date.now;
  }

  async of(profile: ContextProfile, chosen: string | undefined): Promise<ContextLengthInfo> {
    const model = chosen ?? '';
    const set = profile.params.contextLength;
    if (set !== undefined)
      return { contextLength: set, source: 'profile', detail: `Set in the profile (${n(set)} tokens).` };
    // llama-server tells its context before a model is named: the meter is right from the start.
    if (!model && !adapterFor(profile.kind).servesOneModel) return fallback('No model is chosen yet.');
    const key = `${profile.id}\n${profile.kind}\n${profile.baseUrl}\n${model}`;
    const cached = this.#cache.get(key);
    if (cached && cached.until > this.#now()) return cached.info;
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const lookup = this.#lookup(profile, model)
      .catch(() => undefined)
      .then((found) => {
        const info = found ?? fallback(`${model || 'The model'}'s context length is not known.`);
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
    const network = this.deps.network ?? defaultNetworkProbe;
    const offline = locationOf(profile.baseUrl) === 'cloud' && !network.isOnline();
    // Offline, an adapter may still answer from what it knows (OpenAI's table), but asks nothing.
    const refuse: typeof fetch = () => Promise.reject(new Error('offline'));
    const target = {
      baseUrl: profile.baseUrl,
      kind: profile.kind,
      ...(profile.apiKey ? { apiKey: profile.apiKey } : {}),
    };
    return adapterFor(profile.kind).contextLength(target, model, {
      timeoutMs: this.deps.timeoutMs ?? 3_000,
      ...(offline ? { fetch: refuse } : this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
  }
}

function fallback(why: string): ContextLengthInfo {
  return {
    contextLength: DEFAULT_CONTEXT_LENGTH,
    source: 'default',
    detail: `${why} Assuming ${n(DEFAULT_CONTEXT_LENGTH)} tokens; set Context length in the profile to change it.`,
  };
}
