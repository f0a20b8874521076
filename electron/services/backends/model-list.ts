import OpenAI from 'openai';
import type { BackendTarget } from './backend-target';

/** Local backends ignore the key but the SDK insists on one. The only copy: chat and listings use it. */
export const PLACEHOLDER_KEY = 'not-needed-for-local-backends';

/** `GET /models` answered 2xx with something that is not an OpenAI list. */
export class NotModelListError extends Error {
  constructor(readonly detail: string) {
    super('The response is not an OpenAI model list.');
    this.name = 'NotModelListError';
  }
}

export interface ModelListRequest {
  fetch?: typeof fetch;
  /** Until the response headers arrive, and again for reading the body. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One entry of `GET /models`: its id, and every other field the server added (vLLM's `max_model_len`, llama.cpp's `meta`). */
export interface ListedModel {
  id: string;
  fields: Record<string, unknown>;
}

/**
 * The one way `/models` is asked: `GET {baseUrl}/models` through the real `openai` client, with the
 * same base URL and key as chat. Resolves the entries in the server's order. Rejects with the SDK's
 * error (connection, timeout, HTTP status) or a NotModelListError when a 2xx body is not
 * `{ data: [{ id }] }`. Chat's first model, the model picker, the connection test and the
 * adapters' context lengths all come through here.
 */
export async function requestModels(
  target: BackendTarget,
  options: ModelListRequest,
): Promise<ListedModel[]> {
  const client = new OpenAI({
    baseURL: target.baseUrl,
    apiKey: target.apiKey || PLACEHOLDER_KEY,
    maxRetries: 0,
    timeout: options.timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // Ours, so that a body that never ends can be cut off too (the SDK links it to its own).
  const controller = new AbortController();
  const cancel = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    // The raw response: the SDK would turn an HTML page into an empty list instead of failing.
    const response = await client.models.list({ signal: controller.signal }).asResponse();
    const text = await readText(response, options.timeoutMs, controller);
    return parseModels(text, response.headers.get('content-type'));
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}

/** The SDK's timeout covers only the headers: a body that never ends times out here. */
async function readText(response: Response, timeoutMs: number, controller: AbortController): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new OpenAI.APIConnectionTimeoutError());
      controller.abort();
    }, timeoutMs);
  });
  const text = response.text();
  text.catch(() => {}); // lost the race to the timeout
  try {
    return await Promise.race([text, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function parseModels(text: string, contentType: string | null): ListedModel[] {
  const preview = () =>
    `${contentType ?? 'no content type'}: ${text.replace(/\s+/g, ' ').trim().slice(0, 120) || '(empty body)'}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new NotModelListError(preview());
  }
  const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw new NotModelListError(preview());
  const models = data.flatMap((item: unknown): ListedModel[] => {
    if (!item || typeof item !== 'object') return [];
    const fields = item as Record<string, unknown>;
    return typeof fields.id === 'string' && fields.id.length > 0 ? [{ id: fields.id, fields }] : [];
  });
  if (models.length === 0 && data.length > 0) throw new NotModelListError(preview());
  return models;
}
