import type { MessagePart, ReasoningPart } from '../../../../shared/domain/message-parts';

export type Segment =
  | { kind: 'reasoning'; part: ReasoningPart; isLast: boolean }
  | { kind: 'text'; key: string; text: string; isLast: boolean };

/**
 * A reply's parts as they are shown: each reasoning part on its own, and each run of adjacent text
 * parts as one markdown text (a continued reply's new part goes on the same paragraph or code block,
 * exactly as `answerText` reads it).
 */
export function replySegments(parts: readonly MessagePart[]): Segment[] {
  const segments: Segment[] = [];
  parts.forEach((part, index) => {
    const isLast = index === parts.length - 1;
    const previous = segments.at(-1);
    if (part.type === 'reasoning') segments.push({ kind: 'reasoning', part, isLast });
    else if (part.type !== 'text')
      return; // Attachments are the user's; a reply carries none.
    else if (previous?.kind === 'text')
      segments[segments.length - 1] = { ...previous, text: previous.text + part.text, isLast };
    else segments.push({ kind: 'text', key: part.id, text: part.text, isLast });
  });
  return segments;
}
