import type { HttpReply } from './flavor-bodies';
import { DEFAULT_MODEL_CONTEXT, type ContextMetadata } from './model-metadata';

/**
 * LM Studio's server: the OpenAI API under `/v1`, and its own REST API `GET /api/v0/models` listing
 * every downloaded model with `type` ("llm", "vlm"), `arch`, `quantization`, `state` ("loaded" once
 * `runningContext` is set, else "not-loaded"), `max_context_length`, `loaded_context_length` when
 * loaded, and `capabilities` (["tool_use"] when the model calls tools). Errors are OpenAI-shaped.
 */
export function lmstudioModels(models: string[], meta: ContextMetadata): unknown {
  const loaded = meta.runningContext !== undefined;
  const caps = meta.capabilities ?? [];
  return {
    object: 'list',
    data: models.map((id) => ({
      id,
      object: 'model',
      type: caps.includes('vision') ? 'vlm' : 'llm',
      publisher: 'lmstudio-community',
      arch: /^[a-z]+/i.exec(id)?.[0] ?? 'llama',
      compatibility_type: 'gguf',
      quantization: 'Q4_K_M',
      state: loaded ? 'loaded' : 'not-loaded',
      max_context_length: meta.contextLength ?? DEFAULT_MODEL_CONTEXT,
      ...(loaded ? { loaded_context_length: meta.runningContext } : {}),
      capabilities: caps.includes('tools') ? ['tool_use'] : [],
    })),
  };
}

export const lmstudioError = (status: number, message: string, code: string | null = null) => ({
  error: {
    message,
    type: status === 401 ? 'authentication_error' : 'invalid_request_error',
    param: null,
    code,
  },
});

export const lmstudioUnknownModel = (model: string): HttpReply => ({
  status: 404,
  body: lmstudioError(404, `Model "${model}" not found. Please specify a valid model.`, 'model_not_found'),
});

export function lmstudioRoute(
  method: string,
  path: string,
  models: string[],
  meta: ContextMetadata,
): HttpReply | undefined {
  if (method === 'GET' && path === '/api/v0/models')
    return { status: 200, body: lmstudioModels(models, meta) };
  return undefined;
}
