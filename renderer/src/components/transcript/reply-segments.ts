import type {
  MessagePart,
  ReasoningPart,
  ToolCallPart,
  ToolResultPart,
} from '../../../../shared/domain/message-parts';
import { resultFor } from '../../state/tools/tool-card';

export type Segment =
  | { kind: 'reasoning'; part: ReasoningPart; isLast: boolean }
  | { kind: 'text'; key: string; text: string; isLast: boolean }
  /** A tool call, holding its result (matched by `callId`): results are not shown on their own. */
  | { kind: 'tool'; part: ToolCallPart; result: ToolResultPart | undefined; isLast: boolean };

/**
 * A reply's parts as they are shown: each reasoning part on its own, and each run of adjacent text
 * parts as one markdown text (a continued reply's new part goes on the same paragraph or code block,
 * exactly as `answerText` reads it), and each tool call as a card with its result.
 */
export function replySegments(parts: readonly MessagePart[]): Segment[] {
  const segments: Segment[] = [];
  parts.forEach((part, index) => {
    const isLast = index === parts.length - 1;
    const previous = segments.at(-1);
    if (part.type === 'reasoning') segments.push({ kind: 'reasoning', part, isLast });
    else if (part.type === 'tool-call')
      segments.push({ kind: 'tool', part, result: resultFor(parts, part.callId), isLast });
    // A reply has no attachments; a user message's are shown by its own view.
    else if (part.type !== 'text') return;
    else if (previous?.kind === 'text')
      segments[segments.length - 1] = { ...previous, text: previous.text + part.text, isLast };
    else segments.push({ kind: 'text', key: part.id, text: part.text, isLast });
  });
  return segments;
}
