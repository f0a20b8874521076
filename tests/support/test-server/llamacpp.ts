import type { HttpReply } from './flavor-bodies';
import type { ContextMetadata } from './model-metadata';

/**
 * llama.cpp's llama-server beyond chat: `GET /props` (the context it runs with in
 * `default_generation_settings.n_ctx`, build, modalities, whether the chat template knows tools)
 * and, when the model's training context is given, `meta.n_ctx_train` on its `/v1/models` entry.
 */

/** llama-server's default `-c` when the test gives none. */
export const LLAMACPP_DEFAULT_N_CTX = 4_096;

export function llamacppProps(meta: ContextMetadata): unknown {
  const caps = meta.capabilities ?? [];
  return {
    default_generation_settings: {
      n_ctx: meta.runningContext ?? LLAMACPP_DEFAULT_N_CTX,
      params: { temperature: 0.8, top_p: 0.95, n_predict: -1 },
    },
    total_slots: 1,
    model_path: '/models/model.gguf',
    chat_template: '{% for message in messages %}…{% endfor %}',
    chat_template_caps: { supports_tools: caps.includes('tools') },
    modalities: { vision: caps.includes('vision'), audio: false },
    build_info: 'b4600-test',
  };
}

/** `meta` on a `/v1/models` entry: only with a training context to report (older tests expect none). */
export const llamacppModelFields = (meta: ContextMetadata) =>
  meta.contextLength === undefined
    ? {}
    : { meta: { vocab_type: 2, n_vocab: 128_256, n_ctx_train: meta.contextLength, n_embd: 2_048 } };

export function llamacppRoute(method: string, path: string, meta: ContextMetadata): HttpReply | undefined {
  if (method !== 'GET') return undefined;
  if (path === '/props') return { status: 200, body: llamacppProps(meta) };
  if (path === '/health' || path === '/v1/health') return { status: 200, body: { status: 'ok' } };
  return undefined;
}
