import OpenAI from 'openai';
import { AppError } from '../app-error';
import type { BackendTarget } from './backend-target';
import { classifyModelsFailure } from './connection-test';
import { noModelsError } from './describe-failure';
import { PLACEHOLDER_KEY, requestModels } from './model-list';

/** How long choosing the first model may wait for `/models`. */
const FIRST_MODEL_TIMEOUT_MS = 15_000;

/**
 * SDK clients, one per URL and key, reused across requests (connection pooling). Retries are ours
 * (visible to the user, and only before the first token), so the SDK's own are off.
 */
export class BackendClients {
  readonly #clients = new Map<string, OpenAI>();

  constructor(private readonly options: { headersTimeoutMs: number }) {}

  client(target: BackendTarget): OpenAI {
    const key = `${target.baseUrl}\n${target.apiKey ?? ''}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = new OpenAI({
        baseURL: target.baseUrl,
        apiKey: target.apiKey || PLACEHOLDER_KEY,
        maxRetries: 0,
        timeout: this.options.headersTimeoutMs,
      });
      // Keys change rarely; keep the cache from growing with every edit.
      if (this.#clients.size > 16) this.#clients.clear();
      this.#clients.set(key, client);
    }
    return client;
  }

  /** The first model the server lists, for a profile that has none chosen yet (the same `/models` as the picker). */
  async firstModel(target: BackendTarget): Promise<string> {
    let first: string | undefined;
    try {
      first = (await requestModels(target, { timeoutMs: FIRST_MODEL_TIMEOUT_MS }))[0]?.id;
    } catch (error) {
      // Chat only runs when the network probe allowed it (create-app checks a cloud profile first).
      throw new AppError(classifyModelsFailure(error, target, { online: true }).error);
    }
    if (first === undefined) throw new AppError(noModelsError(target.baseUrl, target.kind));
    return first;
  }
}
