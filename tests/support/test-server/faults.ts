import type { ResponseChannel } from './response-channel';

/** What the test server can be told to do wrong on the next chat requests, and the mid-stream ones. */
export type Fault =
  /** Response headers only after delayMs (Ollama loading a model); a disconnect meanwhile is recorded as aborted. */
  | { kind: 'cold-load'; delayMs: number }
  /** 200, headers and afterTokens content tokens, then silence until the client goes away or the server closes. */
  | { kind: 'stall-after-headers'; afterTokens: number }
  /** After afterTokens tokens the TCP connection is reset. */
  | { kind: 'reset-mid-stream'; afterTokens: number }
  /** After afterTokens tokens the response ends cleanly: no finish_reason, no usage, no [DONE]. */
  | { kind: 'eof-without-done'; afterTokens: number }
  /** llama.cpp: after afterTokens tokens a non-data `error: {...}` SSE line, then `data: [DONE]`. */
  | { kind: 'inband-error'; afterTokens: number; message?: string }
  /** After afterTokens tokens a `data: {not json` event, then the stream goes on normally. */
  | { kind: 'malformed-chunk'; afterTokens: number }
  /** A non-2xx status with the flavor's error body; 429 carries retry-after (and retry-after-ms for openai). */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  /** The reply is SPLIT_UTF8_TEXT and every token event (reasoning too) is written in two parts, splitting a multi-byte character. */
  | { kind: 'split-utf8' };

/** Pause between the two halves of a split write, so they reach the client as separate reads. */
export const SPLIT_PAUSE_MS = 5;
/** Pause before a reset, so the tokens already written are read by the client first. */
export const RESET_PAUSE_MS = 10;

export type MidStreamFault = Extract<Fault, { afterTokens: number }>;

/**
 * Runs a mid-stream fault at its point; resolves true when the stream is over. `malformed-chunk`
 * writes its garbage once and lets the stream go on.
 */
export async function runMidStreamFault(
  g: { channel: ResponseChannel; faultDone?: boolean },
  fault: MidStreamFault,
): Promise<boolean> {
  const { channel } = g;
  if (g.faultDone) return false;
  g.faultDone = true;
  switch (fault.kind) {
    case 'stall-after-headers':
      await channel.untilGone();
      return true;
    case 'reset-mid-stream':
      if (await channel.wait(RESET_PAUSE_MS)) channel.reset();
      return true;
    case 'eof-without-done':
      channel.end();
      return true;
    case 'inband-error': {
      const error = { code: 500, message: fault.message ?? 'internal server error', type: 'server_error' };
      if (await channel.write(`error: ${JSON.stringify(error)}\n\n`)) channel.end('data: [DONE]\n\n');
      return true;
    }
    case 'malformed-chunk':
      return !(await channel.write('data: {not json\n\n'));
  }
}

/** Writes `data` in two parts split inside its first multi-byte character, with a pause between. */
export async function writeSplit(channel: ResponseChannel, data: string): Promise<boolean> {
  const bytes = Buffer.from(data, 'utf8');
  const lead = bytes.findIndex((b) => b >= 0xc0);
  if (lead < 0) return channel.write(bytes);
  return (
    (await channel.write(bytes.subarray(0, lead + 1))) &&
    (await channel.wait(SPLIT_PAUSE_MS)) &&
    (await channel.write(bytes.subarray(lead + 1)))
  );
}
