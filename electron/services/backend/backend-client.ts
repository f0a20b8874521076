import OpenAI from 'openai';
import { AppError } from '../app-error';
import type { BackendTarget } from '../profiles/backend-target';
import { describeFailure, noModelsError } from './describe-failure';

/** Local backends ignore the key but the SDK insists on one. */
const PLACEHOLDER_KEY = 'not-needed-for-local-backends';

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

  /** The first model the server lists, for a profile that has none chosen yet. */
  async firstModel(target: BackendTarget): Promise<string> {
    let first: string | undefined;
    try {
      const page = await this.client(target).models.list({ timeout: 15_000 });
      first = page.data[0]?.id;
    } catch (error) {
      throw new AppError(describeFailure(error, target));
    }
    if (first === undefined) throw new AppError(noModelsError(target.baseUrl, target.kind));
    return first;
  }
}
