import type { ModelInfo } from '../../../shared/domain/profiles';
import { locationOf } from '../../../shared/domain/profiles';
import { AppError } from '../app-error';
import { offlineError } from '../backend/describe-failure';
import { classifyModelsFailure, ollamaModels } from './connection-test';
import {
  authHeaders,
  defaultNetworkProbe,
  getJson,
  originOf,
  requestModelIds,
  type BackendTarget,
  type NetworkProbe,
} from './backend-target';

export interface ModelCatalogDeps {
  fetch?: typeof fetch;
  /** For `GET /models`. Default 15 s. */
  timeoutMs?: number;
  /** A cloud backend is not asked while the machine is offline. */
  network?: NetworkProbe;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DETAILS_TIMEOUT_MS = 3_000;

/**
 * The models a backend offers: the ids of `GET {baseUrl}/models` in the server's order, and for
 * Ollama the size, family, parameter size, quantisation and whether it is loaded, from its own
 * /api/tags and /api/ps when those answer. Throws an AppError with the cause and fix on failure.
 */
export async function listModels(target: BackendTarget, deps: ModelCatalogDeps = {}): Promise<ModelInfo[]> {
  const network = deps.network ?? defaultNetworkProbe;
  if (locationOf(target.baseUrl) === 'cloud' && !network.isOnline()) {
    throw new AppError(offlineError(target.baseUrl));
  }
  const fetchOption = deps.fetch ? { fetch: deps.fetch } : {};
  // Ollama's details are asked alongside, so they add no wait; they never fail the listing.
  const details =
    target.kind === 'ollama'
      ? Promise.all(
          ['/api/tags', '/api/ps'].map((path) =>
            getJson(`${originOf(target.baseUrl)}${path}`, {
              timeoutMs: DETAILS_TIMEOUT_MS,
              headers: authHeaders(target.apiKey),
              ...fetchOption,
            }),
          ),
        )
      : undefined;

  let ids: string[];
  try {
    ids = await requestModelIds(target, { timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...fetchOption });
  } catch (error) {
    throw new AppError(classifyModelsFailure(error, target, { online: network.isOnline() }).error);
  }
  if (!details) return ids.map((id) => ({ id }));

  const [tagsReply, psReply] = await details;
  const tags = ollamaModels(tagsReply);
  const ps = ollamaModels(psReply);
  const byName = new Map<string, Record<string, unknown>>();
  for (const tag of tags ?? []) {
    const name = nameOf(tag);
    if (name !== undefined) byName.set(name, tag);
  }
  const loaded = new Set((ps ?? []).flatMap((m) => nameOf(m) ?? []));

  return ids.map((id) => {
    const info: ModelInfo = { id };
    const tag = byName.get(id) ?? byName.get(`${id}:latest`) ?? byName.get(id.replace(/:latest$/, ''));
    if (tag) {
      const details = (tag.details && typeof tag.details === 'object' ? tag.details : {}) as Record<
        string,
        unknown
      >;
      if (typeof tag.size === 'number') info.sizeBytes = tag.size;
      const family = text(details.family);
      const parameterSize = text(details.parameter_size);
      const quantization = text(details.quantization_level);
      if (family) info.family = family;
      if (parameterSize) info.parameterSize = parameterSize;
      if (quantization) info.quantization = quantization;
    }
    if (ps) {
      info.loaded = loaded.has(id) || loaded.has(`${id}:latest`) || loaded.has(id.replace(/:latest$/, ''));
    }
    return info;
  });
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

const nameOf = (model: Record<string, unknown>): string | undefined => text(model.name) ?? text(model.model);
