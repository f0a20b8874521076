import type {
  MessagePart,
  ToolCallPart,
  ToolCallStatus,
  ToolResultPart,
} from '../../../../shared/domain/message-parts';
import { excerpt } from '../../../../shared/domain/excerpt';

/**
 * How a tool call reads on its card and in its approval prompt. Pure, so the words are tested
 * without a page. Everything here comes from the model or a tool: untrusted text, shown as text.
 */

const SUMMARY_MAX = 200;

/** Where the tool comes from, as the card and the prompt name it ("Task list", "filesystem"). */
export function toolSourceName(call: ToolCallPart): string | undefined {
  return call.source?.name;
}

/** The card's line: main's summary ("Created task · Q4 Budget Review · High · due Fri"), else the tool and its source. */
export function cardLine(call: ToolCallPart): string {
  if (call.summary?.trim()) return excerpt(call.summary.trim(), SUMMARY_MAX);
  const name = call.name.trim() || 'Unnamed tool';
  const source = toolSourceName(call);
  return source ? `${name} · ${source}` : name;
}

const statusWords: Record<ToolCallStatus, string> = {
  streaming: 'Preparing',
  'awaiting-approval': 'Waiting for approval',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  denied: 'Denied',
  cancelled: 'Cancelled',
};

/**
 * The status as shown. A call that "finished" with an error result failed, whatever its status says;
 * one still `running` or `streaming` in a reply that ended was cut short.
 */
export function shownStatus(
  call: ToolCallPart,
  result: ToolResultPart | undefined,
  replyEnded: boolean,
): ToolCallStatus {
  if (call.status === 'done' && result?.isError) return 'failed';
  if (
    replyEnded &&
    (call.status === 'running' || call.status === 'streaming' || call.status === 'awaiting-approval')
  )
    return 'cancelled';
  return call.status;
}

export function statusLabel(status: ToolCallStatus): string {
  return statusWords[status];
}

/** Whether the status still changes by itself (a spinner and a running time are shown). */
export function isActive(status: ToolCallStatus): boolean {
  return status === 'streaming' || status === 'running';
}

/** The arguments as sent, pretty-printed when they are JSON (raw otherwise: the model may send anything). */
export function prettyArguments(raw: string): { text: string; valid: boolean } {
  if (raw.trim() === '') return { text: '(no arguments)', valid: true };
  try {
    return { text: JSON.stringify(JSON.parse(raw), null, 2), valid: true };
  } catch {
    return { text: raw, valid: false };
  }
}

/** The result that answers a call (by `callId`), if it came yet. */
export function resultFor(parts: readonly MessagePart[], callId: string): ToolResultPart | undefined {
  for (const part of parts) if (part.type === 'tool-result' && part.callId === callId) return part;
  return undefined;
}

/** "Cut: the tool answered 10,485,760 characters; the first 40,000 were kept and the model was told." */
export function cutNote(result: ToolResultPart): string | undefined {
  if (result.cutFromChars === undefined) return undefined;
  const number = new Intl.NumberFormat('en');
  return `Cut to fit: the tool answered ${number.format(result.cutFromChars)} characters; the first ${number.format(
    result.content.length,
  )} are shown and went to the model, which was told.`;
}

/** The disclosure button's accessible name: the card's line, its status, and what pressing it does. */
export function cardToggleName(line: string, status: ToolCallStatus, open: boolean): string {
  return `${line}, ${statusLabel(status).toLowerCase()}, ${open ? 'hide' : 'show'} details`;
}
