import type { Usage } from '../../../shared/domain/conversation';

/**
 * Token counts when a server reports none (some ignore `stream_options.include_usage`), and later
 * for trimming a conversation to a context budget. An estimate: we count with OpenAI's cl100k_base
 * BPE (`gpt-tokenizer`, pure JS), which is also the base of Llama 3's vocabulary, so counts for local
 * models are close but not exact. The encoder (about 1 MB of ranks) is imported on first use, not at
 * startup, and counting happens once per reply, never per delta.
 */

export interface TextMessage {
  role: string;
  content: string;
}

export type CountTokens = (text: string) => number;

let loading: Promise<CountTokens> | undefined;

function counter(): Promise<CountTokens> {
  loading ??= import('gpt-tokenizer/encoding/cl100k_base').then(
    // Special-token text such as "<|endoftext|>" in a prompt or reply is counted as plain text.
    (encoding) => (text: string) => encoding.countTokens(text, { disallowedSpecial: new Set() }),
  );
  // A failed import is tried again next time instead of being cached.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** The encoder's synchronous counter, once loaded (for counting many messages without an await each). */
export function loadTokenCounter(): Promise<CountTokens> {
  return counter();
}

/** Loads the encoder now (e.g. while idle), so the first estimate does not wait for it. */
export function warmTokenEstimator(): Promise<void> {
  return counter().then(() => undefined);
}

export async function estimateTokens(text: string): Promise<number> {
  if (text.length === 0) return 0;
  return (await counter())(text);
}

/** Tokens around each message besides its role and text, and tokens that prime the reply. */
export const MESSAGE_FRAMING_TOKENS = 3;
export const REPLY_PRIMING_TOKENS = 3;

/** One message of a chat request, framing included (see `estimateChatTokens`). */
export function messageTokens(count: CountTokens, message: TextMessage): number {
  return MESSAGE_FRAMING_TOKENS + count(message.role) + count(message.content);
}

/**
 * The prompt side of a chat request. Chat framing is approximated the way OpenAI documents it for
 * its chat models: 3 tokens around each message plus its role, and 3 that prime the reply. Other
 * templates (Llama's, ChatML variants) differ by a few tokens per message; calibration against the
 * server's own counts (calibration.ts) absorbs that.
 */
export async function estimateChatTokens(messages: readonly TextMessage[]): Promise<number> {
  const count = await counter();
  return messages.reduce((sum, m) => sum + messageTokens(count, m), REPLY_PRIMING_TOKENS);
}

/** Prompt and completion counts for one request, or undefined when the tokenizer cannot load. */
export async function estimateUsage(
  messages: readonly TextMessage[],
  completion: string,
): Promise<Usage | undefined> {
  try {
    const promptTokens = await estimateChatTokens(messages);
    const completionTokens = await estimateTokens(completion);
    return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
  } catch (error) {
    console.warn('[tokens] the token estimator could not load; usage stays unknown', error);
    return undefined;
  }
}
