/** Small JSON requests to a server's own endpoints (Ollama's /api/*, llama.cpp's /props, LiteLLM's /health/*). */

export interface JsonRequest {
  fetch?: typeof fetch;
  timeoutMs: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Sent as JSON with POST; GET without it. */
  body?: unknown;
}

export interface JsonReply {
  status: number;
  /** Parsed JSON, or the text when it is not JSON. */
  body: unknown;
}

/** Never throws: undefined when nothing answered in time. */
export async function requestJson(url: string, options: JsonRequest): Promise<JsonReply | undefined> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const post = options.body !== undefined;
  try {
    const response = await doFetch(url, {
      method: post ? 'POST' : 'GET',
      headers: {
        accept: 'application/json',
        ...(post ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(post ? { body: JSON.stringify(options.body) } : {}),
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

/** The body of a 2xx JSON object reply, else undefined. */
export function okObject(reply: JsonReply | undefined): Record<string, unknown> | undefined {
  return reply && reply.status >= 200 && reply.status < 300 && reply.body && typeof reply.body === 'object'
    ? (reply.body as Record<string, unknown>)
    : undefined;
}

/** The objects in `body[field]` when it is an array. */
export function listOf(body: unknown, field: string): Record<string, unknown>[] {
  const list = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  return Array.isArray(list)
    ? list.filter((m): m is Record<string, unknown> => !!m && typeof m === 'object')
    : [];
}

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

export const positiveInt = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

/** `1234567` → "1,234,567", for sentences about token counts. */
export const tokens = (value: number) => value.toLocaleString('en-US');
