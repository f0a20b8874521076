import { splitTokens, type ChatMessageText } from './reply';

/**
 * Reasoning ("thinking") replies, in each way a server spells them (see the shared PROTOCOLS.md):
 * - `reasoning`: a `delta.reasoning` field (Ollama, vLLM 0.9+);
 * - `reasoning_content`: a `delta.reasoning_content` field (llama.cpp, LiteLLM);
 * - `thinking`: a `delta.thinking` field (some gateways);
 * - `think-tags`: `<think>…</think>` at the start of the content;
 * - `think-open`: the chat template opened the tag in the prompt (Qwen3, R1 distills): the content
 *   starts inside the reasoning and only `</think>` appears;
 * - `hidden`: OpenAI's reasoning models: the thinking takes time and tokens but is not streamed.
 * The reasoning streams one word per event, at the server's tokens per second, before the answer.
 */
export type ReasoningStyle =
  'reasoning' | 'reasoning_content' | 'thinking' | 'think-tags' | 'think-open' | 'hidden';

export const REASONING_STYLES: readonly ReasoningStyle[] = [
  'reasoning',
  'reasoning_content',
  'thinking',
  'think-tags',
  'think-open',
  'hidden',
];

export interface ReasoningOptions {
  style: ReasoningStyle;
  /** What the model thinks before it answers. */
  text: string | ((messages: ChatMessageText[], model: string) => string);
  /** The reply stops while still thinking: no closing tag, no answer, `finish_reason: 'length'`. */
  cutOff?: boolean;
  /** Each tag goes over two events (`<thi` + `nk>`), as from a tokenizer without a think token. */
  splitTags?: boolean;
}

/** A default to think, for the command line and benchmarks. */
export const DEFAULT_REASONING =
  'Okay, the user wrote to me. I should think about it step by step, then answer briefly and clearly.';

/**
 * One event's worth of generation. `content`: written as content; `field`: in the style's reasoning
 * field; `hidden`: generated but not written. `thinking` tokens count as `reasoning_tokens`.
 */
export interface GeneratedToken {
  text: string;
  channel: 'content' | 'field' | 'hidden';
  thinking: boolean;
}

/** The reply's events in order: the reasoning (if any) then the answer, or only the reasoning when cut off. */
export function generateTokens(
  answer: string,
  reasoning: ReasoningOptions | undefined,
  messages: ChatMessageText[],
  model: string,
): GeneratedToken[] {
  const answerTokens = splitTokens(answer).map((text) => token(text, 'content', false));
  if (!reasoning) return answerTokens;
  const thought = typeof reasoning.text === 'string' ? reasoning.text : reasoning.text(messages, model);
  const { style } = reasoning;
  const cutOff = reasoning.cutOff === true;
  if (style === 'think-tags' || style === 'think-open') {
    const tag = (text: string) =>
      (reasoning.splitTags ? [text.slice(0, 4), text.slice(4)] : [text]).map((t) =>
        token(t, 'content', true),
      );
    return [
      ...(style === 'think-tags' ? tag('<think>') : []),
      ...splitTokens(thought).map((text) => token(text, 'content', true)),
      ...(cutOff
        ? []
        : [...tag('</think>'), ...splitTokens(`\n\n${answer}`).map((t) => token(t, 'content', false))]),
    ];
  }
  const channel = style === 'hidden' ? 'hidden' : 'field';
  const thinking = splitTokens(thought).map((text) => token(text, channel, true));
  return cutOff ? thinking : [...thinking, ...answerTokens];
}

function token(text: string, channel: GeneratedToken['channel'], thinking: boolean): GeneratedToken {
  return { text, channel, thinking };
}

/** The delta field a reasoning style streams in, if it uses one. */
export function reasoningField(style: ReasoningStyle | undefined): string | undefined {
  return style === 'reasoning' || style === 'reasoning_content' || style === 'thinking' ? style : undefined;
}

/** Whether the flavour reports `completion_tokens_details.reasoning_tokens` (OpenAI, LiteLLM). */
export function reportsReasoningTokens(flavor: string): boolean {
  return flavor === 'openai' || flavor === 'litellm';
}
