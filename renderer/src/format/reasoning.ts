import type { ReasoningPart } from '../../../shared/domain/message-parts';

/**
 * How a reasoning part reads: still thinking (live, with a running time), thought for a while
 * (folded), or cut off while thinking. Pure, so the words are tested without a DOM.
 */
export type ReasoningState = 'thinking' | 'done' | 'stopped';

/**
 * Thinking while the reply streams and nothing came after the reasoning yet (the answer has not
 * started) and main has not closed it with its duration.
 */
export function reasoningState(
  part: ReasoningPart,
  { streaming, isLast }: { streaming: boolean; isLast: boolean },
): ReasoningState {
  if (part.incomplete) return 'stopped';
  if (streaming && isLast && part.durationMs === undefined) return 'thinking';
  return 'done';
}

/** "Thought for 12 s"; "Thought for a moment" under a second; without a duration, that it thought. */
export function thoughtFor(durationMs: number | undefined): string {
  if (durationMs === undefined || !Number.isFinite(durationMs)) return 'Thought before answering';
  if (durationMs < 1000) return 'Thought for a moment';
  return `Thought for ${wholeSeconds(Math.round(durationMs / 1000))}`;
}

/** The running time while thinking, in whole seconds counted up ("0 s", "12 s", "2 min 5 s"). */
export function formatThinkingTime(ms: number): string {
  return wholeSeconds(Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0);
}

function wholeSeconds(total: number): string {
  if (total < 60) return `${total} s`;
  const rest = total % 60;
  return rest === 0 ? `${Math.floor(total / 60)} min` : `${Math.floor(total / 60)} min ${rest} s`;
}

/** The words of the block's heading for each state. */
export function reasoningHeading(part: ReasoningPart, state: ReasoningState): string {
  switch (state) {
    case 'thinking':
      return 'Thinking…';
    case 'stopped':
      return 'The model stopped while thinking';
    case 'done':
      return thoughtFor(part.durationMs);
  }
}

/**
 * The disclosure button's accessible name: what the block is, then what pressing it does. While
 * thinking the name stays "Thinking…" (the running time is not part of it, so nothing re-announces).
 */
export function reasoningToggleName(heading: string, state: ReasoningState, open: boolean): string {
  if (state === 'thinking') return heading;
  return `${heading}, ${open ? 'hide' : 'show'} reasoning`;
}
