import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The per-flavour fields of a completion: its id, fingerprint, usage and llama.cpp's `timings`,
 * each as the real server writes it.
 */

type FlavorName = 'ollama' | 'litellm' | 'openai' | 'llamacpp' | 'vllm' | 'lmstudio';

export function completionId(flavor: FlavorName): string {
  switch (flavor) {
    case 'ollama':
      return `chatcmpl-${Math.floor(Math.random() * 1000)}`;
    case 'openai':
      return `chatcmpl-${alphanumeric(29)}`;
    case 'litellm':
      return `chatcmpl-${randomUUID()}`;
    case 'llamacpp':
      return `chatcmpl-${alphanumeric(32)}`;
    case 'vllm':
      return `chatcmpl-${randomBytes(16).toString('hex')}`;
    case 'lmstudio':
      return `chatcmpl-${alphanumeric(18).toLowerCase()}`;
  }
}

export function fingerprint(flavor: FlavorName): Record<string, unknown> {
  if (flavor === 'ollama') return { system_fingerprint: 'fp_ollama' };
  if (flavor === 'llamacpp') return { system_fingerprint: 'b4600-test' };
  return {};
}

/** `reasoningTokens` only where the flavour reports them (`completion_tokens_details`). */
export function usageBody(promptTokens: number, completionTokens: number, reasoningTokens?: number) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    ...(reasoningTokens !== undefined
      ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } }
      : {}),
  };
}

/** llama.cpp's `timings` object, from what actually happened (times as `performance` epoch ms). */
export function llamaTimings(
  times: { requestAt: number; headersAt?: number; lastTokenAt?: number; tokens: number },
  promptTokens: number,
  now: number,
) {
  const promptMs = Math.max(0.001, (times.headersAt ?? now) - times.requestAt);
  const predictedMs = Math.max(0.001, (times.lastTokenAt ?? now) - (times.headersAt ?? now));
  const predicted = times.tokens;
  return {
    prompt_n: promptTokens,
    prompt_ms: promptMs,
    prompt_per_token_ms: promptMs / Math.max(1, promptTokens),
    prompt_per_second: (promptTokens * 1000) / promptMs,
    predicted_n: predicted,
    predicted_ms: predictedMs,
    predicted_per_token_ms: predictedMs / Math.max(1, predicted),
    predicted_per_second: (predicted * 1000) / predictedMs,
  };
}

export function alphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}
