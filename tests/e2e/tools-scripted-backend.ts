import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { HostServerMessage } from '../../shared/contract/api';
import type { Result } from '../../shared/contract/result';
import type { RouteInput, RouteName, RouteOutput } from '../../shared/contract/routes';

/**
 * What the tool e2e specs need of a backend and of the host, kept here until the shared test server
 * has tool-call flavours (tests/support/tool-call-flavours.ts): an OpenAI-compatible backend whose
 * every turn a test scripts (a streamed tool call, Ollama's style: whole in one chunk; or text), and
 * a route call over the host's own socket for set-up that has no UI of its own to test here.
 */

export const MODEL = 'tool-model';

export interface ChatBody {
  model: string;
  messages: { role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { type: 'function'; function: { name: string; description?: string; parameters?: unknown } }[];
}

/** One turn of the model: a tool call, an answer, or an HTTP error (a server refusing tools). */
export type ScriptedTurn =
  { toolCall: { name: string; arguments: string } } | { text: string } | { status: number; error: string };

export interface ScriptedBackend {
  readonly url: string;
  /** Every chat request body, in order. */
  readonly requests: ChatBody[];
  close(): Promise<void>;
}

const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-e2e',
    object: 'chat.completion.chunk',
    created: 1,
    model: MODEL,
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`;

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const part of req) text += String(part);
  return text;
}

export async function startScriptedBackend(
  script: (body: ChatBody) => ScriptedTurn,
): Promise<ScriptedBackend> {
  const requests: ChatBody[] = [];
  let calls = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'GET' && path === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: MODEL, object: 'model', owned_by: 'e2e' }] }));
        return;
      }
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no ${path} here` } }));
        return;
      }
      const body = JSON.parse(await readBody(req)) as ChatBody;
      requests.push(body);
      const turn = script(body);
      if ('status' in turn) {
        res.writeHead(turn.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: turn.status, message: turn.error, type: 'server_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if ('toolCall' in turn) {
        calls++;
        res.write(
          chunk({
            role: 'assistant',
            tool_calls: [
              {
                index: 0,
                id: `call_e2e_${calls}`,
                type: 'function',
                function: { name: turn.toolCall.name, arguments: turn.toolCall.arguments },
              },
            ],
          }),
        );
        res.write(chunk({}, 'tool_calls'));
      } else {
        res.write(chunk({ role: 'assistant', content: '' }));
        for (const word of turn.text.split(/(?<= )/)) res.write(chunk({ content: word }));
        res.write(chunk({}, 'stop'));
      }
      res.end('data: [DONE]\n\n');
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The last message the model was sent (a `tool` message after a call, the user's otherwise). */
export const lastMessage = (body: ChatBody) => body.messages.at(-1);

/** The offered tool whose name matches, e.g. the task list's "create" tool, whatever its exact name. */
export function offeredTool(body: ChatBody, pattern: RegExp): string | undefined {
  return body.tools?.map((t) => t.function.name).find((name) => pattern.test(name));
}

/** One route call over the host's socket, as a page would make it (the URL carries the token). */
export async function hostInvoke<R extends RouteName>(
  hostUrl: string,
  route: R,
  input?: RouteInput<R>,
): Promise<Result<RouteOutput<R>>> {
  const page = new URL(hostUrl);
  const ws = new WebSocket(`ws://${page.host}/ws?token=${page.searchParams.get('token') ?? ''}`, {
    headers: { origin: page.origin },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return await new Promise<Result<RouteOutput<R>>>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as HostServerMessage;
        if (message.kind === 'result' && message.id === 1) resolve(message.result as Result<RouteOutput<R>>);
      });
      ws.send(JSON.stringify({ kind: 'invoke', id: 1, route, input }));
    });
  } finally {
    ws.close();
  }
}
