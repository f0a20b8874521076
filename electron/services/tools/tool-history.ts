import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionToolMessageParam,
} from 'openai/resources/chat/completions';
import type { MessagePart, ToolCallPart, ToolResultPart } from '../../../shared/domain/message-parts';

/**
 * A reply that used tools, as the request sends it back: each round's text and calls as one
 * assistant message with `tool_calls`, then one `tool` message per call, then the next round. Every
 * call sent has its `tool` message (a call that never got a result, e.g. stopped, is answered with
 * a line saying so) and no `tool` message goes without its call, since servers refuse either.
 * Reasoning is never sent back.
 */

export type ToolRoundMessage = ChatCompletionAssistantMessageParam | ChatCompletionToolMessageParam;

/** Whether a message's parts hold a tool round (it then sends as several messages). */
export function hasToolParts(parts: readonly MessagePart[]): boolean {
  return parts.some((p) => p.type === 'tool-call' || p.type === 'tool-result');
}

export function toolRoundMessages(parts: readonly MessagePart[]): ToolRoundMessage[] {
  const results = new Map<string, ToolResultPart>();
  for (const part of parts) if (part.type === 'tool-result') results.set(part.callId, part);
  const out: ToolRoundMessage[] = [];
  let text = '';
  let calls: ToolCallPart[] = [];
  const flush = () => {
    if (calls.length > 0) {
      out.push({
        role: 'assistant',
        content: text.length > 0 ? text : null,
        tool_calls: calls.map((c) => ({
          id: c.callId,
          type: 'function',
          function: { name: c.name, arguments: sendableArguments(c.arguments) },
        })),
      });
      for (const call of calls) {
        const result = results.get(call.callId);
        out.push({ role: 'tool', tool_call_id: call.callId, content: result?.content ?? notRun(call) });
      }
    } else if (text.length > 0) out.push({ role: 'assistant', content: text });
    text = '';
    calls = [];
  };
  // Results after a round's calls: the next call or text starts the next assistant message.
  let answered = false;
  for (const part of parts) {
    if (part.type === 'text') {
      if (calls.length > 0) flush();
      answered = false;
      text += part.text;
    } else if (part.type === 'tool-call') {
      if (answered && calls.length > 0) flush();
      answered = false;
      if (!calls.some((c) => c.callId === part.callId)) calls.push(part);
    } else if (part.type === 'tool-result' && calls.some((c) => c.callId === part.callId)) answered = true;
  }
  flush();
  return out;
}

/** Everything of a message's tool parts that is sent, as text (for token counts). */
export function toolPartsText(parts: readonly MessagePart[]): string {
  let out = '';
  for (const part of parts) {
    if (part.type === 'tool-call') out += `${part.name}(${part.arguments})\n`;
    else if (part.type === 'tool-result') out += `${part.content}\n`;
  }
  return out;
}

/** Servers parse the arguments they get back: invalid JSON from the model goes back as an empty object. */
function sendableArguments(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return '{}';
  }
}

function notRun(call: ToolCallPart): string {
  if (call.status === 'denied') return 'The user denied this call.';
  return 'This call was not run (the reply was stopped).';
}
