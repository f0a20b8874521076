import type { ModelCapabilities } from '../../../shared/domain/profiles';
import { locationOf } from '../../../shared/domain/backend-location';
import type { ContextProfile } from './context-length';
import { defaultNetworkProbe, type NetworkProbe } from './backend-target';
import { modelCapabilities } from './model-catalog';

export interface ModelCapabilityDeps {
  fetch?: typeof fetch;
  network?: NetworkProbe;
  now?: () => number;
  /** How long an answer is trusted. Default 5 minutes. */
  ttlMs?: number;
}

/**
 * What a profile's model can do (whether it reads images, for the composer's warning), as its
 * adapter says: Ollama's `/api/show` capabilities, LM Studio's `type`, llama.cpp's `/props`, a
 * table for OpenAI. Cached per profile, URL and model; never throws (unknown is `{}`).
 */
export class ModelCapabilityCache {
  readonly #cache = new Map<string, { value: Promise<ModelCapabilities>; until: number }>();
  readonly #now: () => number;

  constructor(private readonly deps: ModelCapabilityDeps = {}) {
    this.#now = deps.now ?? Date.now;
  }

  of(profile: ContextProfile, model: string): Promise<ModelCapabilities> {
    const key = `${profile.id}\n${profile.kind}\n${profile.baseUrl}\n${model}`;
    const cached = this.#cache.get(key);
    if (cached && cached.until > this.#now()) return cached.value;
    const network = this.deps.network ?? defaultNetworkProbe;
    const offline = locationOf(profile.baseUrl) === 'cloud' && !network.isOnline();
    // Offline, an adapter may still answer from what it knows (OpenAI's table), but asks nothing.
    const refuse: typeof fetch = () => Promise.reject(new Error('offline'));
    const fetchOption = offline ? { fetch: refuse } : this.deps.fetch ? { fetch: this.deps.fetch } : {};
    const value = modelCapabilities(
      { baseUrl: profile.baseUrl, kind: profile.kind, ...(profile.apiKey ? { apiKey: profile.apiKey } : {}) },
      model,
      fetchOption,
    );
    this.#cache.set(key, { value, until: this.#now() + (this.deps.ttlMs ?? 5 * 60_000) });
    if (this.#cache.size > 500) this.#cache.delete(this.#cache.keys().next().value!);
    return value;
  }

  /** Forgets cached answers (all, or one profile's): its models changed (a pull, a delete). */
  forget(profileId?: string): void {
    for (const key of this.#cache.keys())
      if (!profileId || key.startsWith(`${profileId}\n`)) this.#cache.delete(key);
  }
}
