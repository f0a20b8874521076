import OpenAI from 'openai';
import { AppError } from '../app-error';
import { describeFailure, noModelsError } from './describe-failure';

export interface BackendConfig {
  baseUrl: string;
  apiKey?: string;
}

/** Local backends ignore the key but the SDK insists on one. */
const PLACEHOLDER_KEY = 'not-needed-for-local-backends';

/**
 * Owns the SDK client for the current backend: one client per URL and key, rebuilt when they
 * change. Retries are ours (visible to the user, and only before the first token), so the SDK's
 * own are off.
 */
export class BackendClient {
  #client: OpenAI | undefined;
  #key = '';

  constructor(
    private readonly config: () => BackendConfig,
    private readonly options: { headersTimeoutMs: number },
  ) {}

  get baseUrl(): string {
    return this.config().baseUrl;
  }

  client(): OpenAI {
    const { baseUrl, apiKey } = this.config();
    const key = `${baseUrl}\n${apiKey ?? ''}`;
    if (!this.#client || key !== this.#key) {
      this.#client = new OpenAI({
        baseURL: baseUrl,
        apiKey: apiKey || PLACEHOLDER_KEY,
        maxRetries: 0,
        timeout: this.options.headersTimeoutMs,
      });
      this.#key = key;
    }
    return this.#client;
  }

  /** Model ids from `GET {base}/models`, in the server's order. */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const page = await this.client().models.list({ signal, timeout: 15_000 });
      return page.data.map((m) => m.id);
    } catch (error) {
      throw new AppError(describeFailure(error, { baseUrl: this.baseUrl }));
    }
  }

  /** The first model the server lists, for a backend that has none chosen yet. */
  async firstModel(): Promise<string> {
    const models = await this.listModels();
    const first = models[0];
    if (first === undefined) throw new AppError(noModelsError(this.baseUrl));
    return first;
  }
}
