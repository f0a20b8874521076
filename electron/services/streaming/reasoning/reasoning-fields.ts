/**
 * The delta fields servers stream reasoning in: Ollama and vLLM 0.9+ `reasoning`, llama.cpp and
 * LiteLLM `reasoning_content`, some gateways `thinking`. A server in transition may send the same
 * text under two names, so the first non-empty string wins instead of adding them up.
 */
const REASONING_FIELDS = ['reasoning_content', 'reasoning', 'thinking'] as const;

/** The reasoning text in one streamed delta, or '' (a non-string field, e.g. an object, is ignored). */
export function reasoningFieldText(delta: unknown): string {
  if (!delta || typeof delta !== 'object') return '';
  const fields = delta as Record<string, unknown>;
  for (const name of REASONING_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return '';
}
