/**
 * An MCP tool result as the text the model and the user see. Text parts are joined; images,
 * audio and resources are described briefly (the model gets text only). Everything here came from
 * the server: it is read defensively, as untrusted input.
 */
type Part = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function describePart(part: Part): string {
  switch (part.type) {
    case 'text':
      return str(part.text) ?? '';
    case 'image':
    case 'audio': {
      const size = str(part.data)
        ? ` (${Math.round(((str(part.data)?.length ?? 0) * 3) / 4 / 1024)} KB)`
        : '';
      return `[${part.type}: ${str(part.mimeType) ?? 'unknown type'}${size}]`;
    }
    case 'resource': {
      const resource = (part.resource ?? {}) as Part;
      const text = str(resource.text);
      const uri = str(resource.uri) ?? 'unknown';
      return text !== undefined
        ? `[resource ${uri}]\n${text}`
        : `[resource ${uri}: ${str(resource.mimeType) ?? 'binary'}]`;
    }
    case 'resource_link':
      return `[link: ${str(part.name) ?? ''} ${str(part.uri) ?? ''}]`.replace(/\s+\]/, ']');
    default:
      return `[${typeof part.type === 'string' ? part.type : 'unknown'} content]`;
  }
}

export function resultText(result: unknown): { content: string; isError: boolean } {
  const r = (result ?? {}) as Part;
  const isError = r.isError === true;
  const parts = Array.isArray(r.content)
    ? (r.content as unknown[]).filter((p): p is Part => !!p && typeof p === 'object')
    : [];
  let content = parts
    .map(describePart)
    .filter((t) => t.length > 0)
    .join('\n');
  if (!content && r.structuredContent !== undefined) content = JSON.stringify(r.structuredContent);
  // Old servers answer `toolResult` instead of `content`.
  if (!content && r.toolResult !== undefined)
    content = typeof r.toolResult === 'string' ? r.toolResult : JSON.stringify(r.toolResult);
  return { content: content || (isError ? 'The tool failed without saying why.' : '(no output)'), isError };
}
