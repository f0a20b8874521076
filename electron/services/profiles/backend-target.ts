import { networkInterfaces } from 'node:os';
import OpenAI from 'openai';
import type { ProfileKind } from '../../../shared/domain/profiles';

/** What a connection test, the model catalog and the monitor need to reach one backend. */
export interface BackendTarget {
  /** The base URL exactly as chat uses it (e.g. http://127.0.0.1:11434/v1). */
  baseUrl: string;
  apiKey?: string;
  kind: ProfileKind;
  /** When set, fixes can take the user to this profile (e.g. a rejected key). */
  profileId?: string;
}

/** Whether this machine has a network at all (loopback always works; cloud backends need one). */
export interface NetworkProbe {
  isOnline(): boolean;
}

/** IPv4 169.254.x.x and IPv6 fe80:: exist without any network: they do not count. */
const linkLocal = (address: string) => /^169\.254\./.test(address) || /^fe80:/i.test(address);

/**
 * Online when some non-internal interface has a routable address. Node lists only interfaces that
 * carry an address, which a downed interface loses. A heuristic: a VPN or a container bridge counts
 * as "online" too, so a failed request is still classified on its own merits.
 */
export const defaultNetworkProbe: NetworkProbe = {
  isOnline() {
    try {
      return Object.values(networkInterfaces()).some((list) =>
        (list ?? []).some((info) => !info.internal && !linkLocal(info.address)),
      );
    } catch {
      // Some sandboxes refuse to enumerate interfaces: assume online and let requests tell.
      return true;
    }
  },
};

/** 'http://127.0.0.1:11434/v1' → 'http://127.0.0.1:11434' (where Ollama's and LiteLLM's own endpoints live). */
export function originOf(baseUrl: string): string {
  try {
    const origin = new URL(baseUrl).origin;
    return origin === 'null' ? baseUrl.replace(/\/+$/, '') : origin;
  } catch {
    return baseUrl.replace(/\/+$/, '');
  }
}

/** The URL the SDK requests for `GET /models`, joined the way the SDK joins it. */
export function modelsUrlOf(baseUrl: string): string {
  return baseUrl.endsWith('/') ? `${baseUrl}models` : `${baseUrl}/models`;
}

export function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

/** Local backends ignore the key but the SDK insists on one (the same placeholder chat uses). */
const PLACEHOLDER_KEY = 'not-needed-for-local-backends';

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

/**
 * `GET {baseUrl}/models` through the real `openai` client, with the same base URL and key as chat.
 * Resolves the model ids in the server's order. Rejects with the SDK's error (connection, timeout,
 * HTTP status) or a NotModelListError when a 2xx body is not `{ data: [{ id }] }`.
 */
export async function requestModelIds(target: BackendTarget, options: ModelListRequest): Promise<string[]> {
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
    return parseModelIds(text, response.headers.get('content-type'));
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

function parseModelIds(text: string, contentType: string | null): string[] {
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
  const ids = data.flatMap((item: unknown) => {
    const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id.length > 0 ? [id] : [];
  });
  if (ids.length === 0 && data.length > 0) throw new NotModelListError(preview());
  return ids;
}

/** A small JSON GET for diagnostics (Ollama's /api/*, LiteLLM's /health/*): never throws. */
export async function getJson(
  url: string,
  options: {
    fetch?: typeof fetch;
    timeoutMs: number;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<{ status: number; body: unknown } | undefined> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await doFetch(url, {
      headers: { accept: 'application/json', ...options.headers },
      signal,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: response.status, body };
  } catch {
    return undefined;
  }
}
