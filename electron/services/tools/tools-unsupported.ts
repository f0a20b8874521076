import { userError, type UserError } from '../../../shared/domain/errors';
import { guessKind, type ProfileKind } from '../../../shared/domain/profiles';
import { adapterFor } from '../backends/adapters';

/**
 * A backend or model that cannot use tools, recognised and worded by the backend's adapter: Ollama
 * models whose capabilities lack "tools" (known before any request), llama-server without --jinja
 * (HTTP 500 "tools param requires --jinja flag"), and other servers' 400 naming tools. The error
 * offers to turn the conversation's tools off, so the user can go on without them.
 */

export interface ToolsBackend {
  baseUrl: string;
  kind?: ProfileKind;
  model?: string;
}

const wordingOf = ({ baseUrl, kind }: ToolsBackend) =>
  adapterFor(kind === undefined || kind === 'custom' ? guessKind(baseUrl) : kind).wording;

/** The model's own capabilities say it takes no tools (Ollama's `/api/show`). */
export function modelWithoutTools(backend: ToolsBackend, conversationId: string): UserError {
  const model = backend.model ? `The model ${backend.model}` : 'This model';
  return userError('tools-unsupported', `${model} cannot use tools.`, wordingOf(backend).noTools, {
    action: { kind: 'turn-off-tools', conversationId },
  });
}

/**
 * The failure of a request that carried tools, read again: a refusal of the tools becomes
 * `tools-unsupported`; anything else is returned unchanged.
 */
export function toolsRefusal(error: UserError, backend: ToolsBackend, conversationId: string): UserError {
  const detail = error.detail ?? '';
  const status = Number(/^HTTP (\d{3})/.exec(detail)?.[1] ?? NaN);
  const jinja = /--jinja/.test(detail);
  const namesTools = /\btools?\b|tool_choice|function[ _]?call/i.test(detail);
  if (!jinja && !((status === 400 || status === 422 || status === 500) && namesTools)) return error;
  const wording = jinja ? adapterFor('llamacpp').wording : wordingOf(backend);
  const message = jinja
    ? 'This llama-server was started without --jinja, which tool calls need.'
    : `The backend refused the tools (HTTP ${status}): this model or server cannot use them.`;
  return userError('tools-unsupported', message, wording.noTools, {
    detail,
    action: { kind: 'turn-off-tools', conversationId },
  });
}
