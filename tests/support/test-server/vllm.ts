import type { HttpReply } from './flavor-bodies';
import type { ContextMetadata } from './model-metadata';

/**
 * vLLM's OpenAI server as a client sees it: `/v1/models` entries carry `max_model_len` (the context
 * it serves the model with) and `root`; `/version` and `/health` need no key, `/v1/*` does when it
 * runs with --api-key (answering `{"error":"Unauthorized"}`); errors are OpenAI-shaped with the HTTP
 * status as `code` and an exception name as `type`; unknown paths are FastAPI's `{"detail":"Not Found"}`.
 */

/** vLLM's default when the model config says nothing smaller: the test's stand-in. */
export const VLLM_DEFAULT_MAX_MODEL_LEN = 8_192;

export const vllmModelFields = (id: string, meta: ContextMetadata) => ({
  root: id,
  parent: null,
  max_model_len: meta.runningContext ?? meta.contextLength ?? VLLM_DEFAULT_MAX_MODEL_LEN,
});

const TYPES: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  404: 'NotFoundError',
  429: 'RateLimitError',
  500: 'InternalServerError',
  503: 'ServiceUnavailableError',
};

export const vllmError = (status: number, message: string) => ({
  error: { message, type: TYPES[status] ?? 'InternalServerError', param: null, code: status },
});

export const vllmUnauthorized = (): HttpReply => ({ status: 401, body: { error: 'Unauthorized' } });

export const vllmUnknownModel = (model: string): HttpReply => ({
  status: 404,
  body: vllmError(404, `The model \`${model}\` does not exist.`),
});

/** The endpoints outside `/v1` that answer without a key. */
export function vllmRoute(method: string, path: string): HttpReply | undefined {
  if (method !== 'GET') return undefined;
  if (path === '/version') return { status: 200, body: { version: '0.10.1' } };
  if (path === '/health') return { status: 200, body: null, text: '' };
  return undefined;
}
