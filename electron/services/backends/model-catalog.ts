import type { ModelCapabilities, ModelInfo } from '../../../shared/domain/profiles';
import { locationOf } from '../../../shared/domain/backend-location';
import { AppError } from '../app-error';
import { adapterFor } from './adapters';
import { defaultNetworkProbe, type BackendTarget, type NetworkProbe } from './backend-target';
import { classifyModelsFailure } from './connection-test';
import { offlineError } from './describe-failure';
import { requestModels } from './model-list';

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
 * The models a backend offers: the ids of `GET {baseUrl}/models` in the server's order, with the
 * details the kind's adapter finds (Ollama's size, family, quantisation and loaded state, LM
 * Studio's, vLLM's and llama.cpp's context). Throws an AppError with the cause and fix on failure.
 */
export async function listModels(target: BackendTarget, deps: ModelCatalogDeps = {}): Promise<ModelInfo[]> {
  const network = deps.network ?? defaultNetworkProbe;
  if (locationOf(target.baseUrl) === 'cloud' && !network.isOnline()) {
    throw new AppError(offlineError(target.baseUrl));
  }
  const fetchOption = deps.fetch ? { fetch: deps.fetch } : {};
  // Details are asked alongside, so they add no wait; they never fail the listing.
  const details = adapterFor(target.kind)
    .modelDetails(target, { timeoutMs: DETAILS_TIMEOUT_MS, ...fetchOption })
    .catch(() => undefined);
  let listed;
  try {
    listed = await requestModels(target, { timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...fetchOption });
  } catch (error) {
    throw new AppError(classifyModelsFailure(error, target, { online: network.isOnline() }).error);
  }
  const lookup = await details;
  return listed.map((model) => ({ id: model.id, ...lookup?.(model) }));
}

/** What a model can do, as far as its server says (unknown fields are left out). Never throws. */
export async function modelCapabilities(
  target: BackendTarget,
  model: string,
  deps: Pick<ModelCatalogDeps, 'fetch'> = {},
): Promise<ModelCapabilities> {
  return adapterFor(target.kind)
    .capabilities(target, model, {
      timeoutMs: DETAILS_TIMEOUT_MS,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    })
    .catch(() => ({}));
}
