import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  badJson,
  badRequest,
  errorBody,
  modelList,
  ollamaTags,
  unauthorized,
  unknownModel,
  unknownPath,
  type HttpReply,
} from './test-server/flavor-bodies';
import {
  countPromptTokens,
  defaultReply,
  normalizeMessages,
  SPLIT_UTF8_TEXT,
  type ChatMessageText,
} from './test-server/reply';
import { ResponseChannel } from './test-server/response-channel';
import {
  RESET_PAUSE_MS,
  runMidStreamFault,
  SPLIT_PAUSE_MS,
  writeSplit,
  type Fault,
} from './test-server/faults';
import { completionId, fingerprint, llamaTimings, usageBody } from './test-server/completion-fields';
import {
  generateTokens,
  reasoningField,
  reportsReasoningTokens,
  type GeneratedToken,
  type ReasoningOptions,
} from './test-server/reasoning';
import { llamacppRoute } from './test-server/llamacpp';
import { toolTurn, type ToolScript } from './tool-call-flavours';
import { lmstudioRoute } from './test-server/lmstudio';
import { vllmRoute } from './test-server/vllm';
import { OllamaNative } from './ollama-native';
import {
  litellmModelInfo,
  ollamaShow,
  ollamaPs,
  ollamaShowNotFound,
  type ContextMetadata,
} from './test-server/model-metadata';

export { DEFAULT_SENTENCE, SPLIT_UTF8_TEXT, defaultReply, splitTokens } from './test-server/reply';
export type { Fault } from './test-server/faults';
export {
  DEFAULT_REASONING,
  REASONING_STYLES,
  type ReasoningOptions,
  type ReasoningStyle,
} from './test-server/reasoning';

/**
 * An OpenAI-compatible server on 127.0.0.1 that behaves like Ollama, LiteLLM, OpenAI, llama.cpp,
 * vLLM or LM Studio (their own endpoints in test-server/llamacpp.ts, vllm.ts, lmstudio.ts)
 * (status codes, error bodies, SSE framing; see the shared PROTOCOLS.md), with fault injection for
 * everything a real backend does to a streaming client: cold loads, stalls, resets, truncation,
 * in-band errors, garbage, error statuses with Retry-After, and UTF-8 split across writes; and
 * reasoning models, in each server's spelling (test-server/reasoning.ts).
 *
 *   const server = await startTestServer({ flavor: 'ollama' });
 *   server.fail({ kind: 'reset-mid-stream', afterTokens: 3 });   // the next chat request only
 *   new OpenAI({ baseURL: server.url, apiKey: 'x' });
 *   await server.close();
 */

export type Flavor = 'ollama' | 'litellm' | 'openai' | 'llamacpp' | 'vllm' | 'lmstudio';

export interface TestServerOptions {
  /** Default 'ollama'. */
  flavor?: Flavor;
  /** Default ['llama3.2:1b']; listed by GET /models. */
  models?: string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get the flavor's 401 (Ollama ignores keys). */
  apiKey?: string;
  /** 0 or undefined: as fast as possible, still one SSE event per token. */
  tokensPerSecond?: number;
  /** Default: `You said: ${lastUserContent}. ` followed by DEFAULT_SENTENCE. */
  reply?: (messages: { role: string; content: string }[], model: string) => string;
  /** Replies think first, in the given style (test-server/reasoning.ts); default: no reasoning. */
  reasoning?: ReasoningOptions;
  /** Default 0 (ephemeral); the server always binds 127.0.0.1. */
  port?: number;
  /**
   * Never report token usage (no usage chunk, no `usage` on llama.cpp's last chunk or in a
   * non-streamed body), like servers that ignore `stream_options.include_usage`.
   */
  omitUsage?: boolean;
  /**
   * The models' maximum context, reported by Ollama's `POST /api/show` (default 131072) and
   * LiteLLM's `GET /model/info` (default: unknown).
   */
  contextLength?: number;
  /** Ollama: a `num_ctx` in the models' Modelfile parameters (`/api/show`). */
  numCtx?: number;
  /** The `prompt_tokens` reported for a request; default: about four characters per token. */
  promptTokens?: (messages: { role: string; content: string }[]) => number;
  /** Requests that offer tools get tool calls in a backend's style (tool-call-flavours.ts). */
  tools?: ToolScript;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or null (no body, or not JSON). */
  body: unknown;
  at: number;
}

/** Times are `performance.timeOrigin + performance.now()`. */
export interface StreamTiming {
  requestAt: number;
  headersAt?: number;
  firstTokenAt?: number;
  lastTokenAt?: number;
  tokens: number;
  /** The client went away before the response was complete (not set when the server closed or reset it). */
  aborted: boolean;
  /** When the response was over (ended, reset or abandoned by the client). */
  endedAt?: number;
}

export interface TestServer {
  /** Base URL including /v1, e.g. http://127.0.0.1:PORT/v1. */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** One per chat completion request, in arrival order. */
  readonly timings: StreamTiming[];
  /** Ollama flavour: pull, delete, loaded models and unload (ollama-native.ts). */
  readonly ollama: OllamaNative;
  /** Queues a fault for the next `times` (default 1) chat completion requests; faults queue FIFO. */
  fail(fault: Fault, times?: number): void;
  clearFaults(): void;
  setReply(reply: TestServerOptions['reply']): void;
  /** Replies think first from now on; undefined: they do not. */
  setReasoning(reasoning: ReasoningOptions | undefined): void;
  setTokensPerSecond(tps: number): void;
  setModels(models: string[]): void;
  setOmitUsage(omit: boolean): void;
  setContextMetadata(meta: ContextMetadata): void;
  setPromptTokens(count: TestServerOptions['promptTokens']): void;
  /** Requests that offer tools get tool calls from now on; undefined: answered as usual. */
  setToolCalls(script: ToolScript | undefined): void;
  /** Closes every socket, stalled streams included; resolves when the server is closed. */
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const server = new OpenAITestServer(options);
  await server.listen(options.port ?? 0);
  return server;
}

const clock = () => performance.timeOrigin + performance.now();
const MAX_BODY_BYTES = 16 * 1024 * 1024;
interface ChatRequest {
  model: string;
  messages: ChatMessageText[];
  stream: boolean;
  includeUsage: boolean;
  maxTokens: number | undefined;
  /** Some message's content holds an `image_url` part. */
  hasImages: boolean;
}

class OpenAITestServer implements TestServer {
  readonly requests: RecordedRequest[] = [];
  readonly timings: StreamTiming[] = [];
  readonly ollama = new OllamaNative({ get: () => this.#models, set: (models) => this.setModels(models) });
  readonly #flavor: Flavor;
  readonly #apiKey: string | undefined;
  #models: string[];
  #tokensPerSecond: number;
  #omitUsage: boolean;
  #contextMeta: ContextMetadata;
  #promptTokens: NonNullable<TestServerOptions['promptTokens']>;
  #reply: NonNullable<TestServerOptions['reply']>;
  #reasoning: ReasoningOptions | undefined;
  #faults: Fault[] = [];
  #toolScript: ToolScript | undefined;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #channels = new Set<ResponseChannel>();
  #port = 0;
  #closing: Promise<void> | undefined;

  constructor(options: TestServerOptions) {
    this.#flavor = options.flavor ?? 'ollama';
    this.#apiKey = options.apiKey;
    this.#models = [...(options.models ?? ['llama3.2:1b'])];
    this.#tokensPerSecond = options.tokensPerSecond ?? 0;
    this.#omitUsage = options.omitUsage ?? false;
    this.#contextMeta = {
      ...(options.contextLength !== undefined ? { contextLength: options.contextLength } : {}),
      ...(options.numCtx !== undefined ? { numCtx: options.numCtx } : {}),
    };
    this.#promptTokens = options.promptTokens ?? countPromptTokens;
    this.#reply = options.reply ?? defaultReply;
    this.#reasoning = options.reasoning;
    this.#toolScript = options.tools;
    this.#server = createServer({ noDelay: true }, (req, res) => {
      this.#handle(req, res).catch(() => {
        if (!res.headersSent) this.#send(res, { status: 500, body: errorBody(this.#flavor, 500) });
        else res.destroy();
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    this.#server.on('clientError', (_error, socket) => socket.destroy());
  }

  get port(): number {
    return this.#port;
  }
  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }
  get url(): string {
    return `${this.origin}/v1`;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  fail(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.#faults.push(fault);
  }
  clearFaults(): void {
    this.#faults = [];
  }
  setReply(reply: TestServerOptions['reply']): void {
    this.#reply = reply ?? defaultReply;
  }
  setReasoning(reasoning: ReasoningOptions | undefined): void {
    this.#reasoning = reasoning;
  }
  setTokensPerSecond(tps: number): void {
    this.#tokensPerSecond = Math.max(0, tps);
  }
  setModels(models: string[]): void {
    this.#models = [...models];
  }
  setOmitUsage(omit: boolean): void {
    this.#omitUsage = omit;
  }
  setContextMetadata(meta: ContextMetadata): void {
    this.#contextMeta = { ...meta };
  }
  setPromptTokens(count: TestServerOptions['promptTokens']): void {
    this.#promptTokens = count ?? countPromptTokens;
  }

  setToolCalls(script: ToolScript | undefined): void {
    this.#toolScript = script;
  }

  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      for (const channel of this.#channels) channel.cancel();
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
    });
    return this.#closing;
  }

  // ---- routing -------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = clock();
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const isChat =
      path === '/v1/chat/completions' ||
      (path === '/chat/completions' && (this.#flavor === 'litellm' || this.#flavor === 'llamacpp'));
    // A timing exists from arrival, so a cold load can be observed while it is still waiting.
    const timing: StreamTiming | undefined =
      isChat && method === 'POST' ? { requestAt: at, tokens: 0, aborted: false } : undefined;
    if (timing) this.timings.push(timing);

    const raw = await readBody(req);
    let body: unknown = null;
    let parsed = raw.length === 0;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
        parsed = true;
      } catch {
        body = null;
      }
    }
    this.requests.push({ method, path, headers: { ...req.headers }, body, at });

    if (this.#flavor === 'ollama' && (await this.ollama.handle(req, res, method, path, body))) return;
    if (timing) return this.#chat(req, res, timing, parsed ? body : undefined, raw);
    const reply = this.#route(req, method, path, body);
    this.#send(res, reply);
  }

  #route(req: IncomingMessage, method: string, path: string, body: unknown): HttpReply {
    const flavor = this.#flavor;
    const metadata = this.#metadata(req, method, path, body);
    if (metadata) return metadata;
    const get = method === 'GET' || method === 'HEAD';
    const rootAlias = flavor === 'litellm' || flavor === 'llamacpp';
    if (get && (path === '/v1/models' || (rootAlias && path === '/models'))) {
      if (flavor !== 'llamacpp' && !this.#authorized(req)) return unauthorized(flavor, bearer(req));
      return { status: 200, body: modelList(flavor, this.#models, this.#contextMeta) };
    }
    if (flavor === 'ollama' && get) {
      if (path === '/') return { status: 200, body: null, text: 'Ollama is running' };
      if (path === '/api/version') return { status: 200, body: { version: '0.12.3' } };
      if (path === '/api/tags') return { status: 200, body: ollamaTags(this.#models) };
      if (path === '/api/ps') return { status: 200, body: ollamaPs(this.#models, this.#contextMeta) };
    }
    if (flavor === 'litellm' && get) {
      if (path === '/health/liveliness') return { status: 200, body: "I'm alive!" };
      if (path === '/health/readiness')
        return { status: 200, body: { status: 'healthy', db: 'Not connected' } };
    }
    const native =
      flavor === 'llamacpp'
        ? llamacppRoute(method, path, this.#contextMeta)
        : flavor === 'vllm'
          ? vllmRoute(method, path)
          : flavor === 'lmstudio'
            ? lmstudioRoute(method, path, this.#models, this.#contextMeta)
            : undefined;
    return native ?? unknownPath(flavor, method, path);
  }

  /** Ollama's `POST /api/show` and LiteLLM's `GET /model/info` (auth as for /models). */
  #metadata(req: IncomingMessage, method: string, path: string, body: unknown): HttpReply | undefined {
    if (this.#flavor === 'ollama' && method === 'POST' && path === '/api/show') {
      const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
      const model = typeof fields.model === 'string' ? fields.model : String(fields.name ?? '');
      return this.#hasModel(model)
        ? { status: 200, body: ollamaShow(model, this.#showMeta()) }
        : { status: 404, body: ollamaShowNotFound(model) };
    }
    if (
      this.#flavor === 'litellm' &&
      method === 'GET' &&
      (path === '/model/info' || path === '/v1/model/info')
    ) {
      if (!this.#authorized(req)) return unauthorized(this.#flavor, bearer(req));
      return { status: 200, body: litellmModelInfo(this.#models, this.#contextMeta) };
    }
    return undefined;
  }

  /** While tool calls are scripted, Ollama's models say they take tools (unless capabilities were set). */
  #showMeta(): ContextMetadata {
    const meta = this.#contextMeta;
    if (!this.#toolScript || meta.capabilities) return meta;
    return { ...meta, capabilities: ['tools'] };
  }

  #authorized(req: IncomingMessage): boolean {
    if (this.#apiKey === undefined || this.#flavor === 'ollama') return true;
    return bearer(req) === this.#apiKey;
  }

  #send(res: ServerResponse, reply: HttpReply, timing?: StreamTiming): void {
    if (res.destroyed || res.headersSent) return;
    const payload = reply.text ?? JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': reply.text === undefined ? 'application/json' : 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      ...reply.headers,
    });
    if (timing) timing.headersAt = clock();
    res.end(payload);
  }

  // ---- chat completions ----------------------------------------------------------------------

  async #chat(
    req: IncomingMessage,
    res: ServerResponse,
    timing: StreamTiming,
    body: unknown,
    raw: string,
  ): Promise<void> {
    const flavor = this.#flavor;
    const fault = this.#faults.shift();
    const channel = new ResponseChannel(res, () => {
      timing.aborted = true;
    });
    this.#channels.add(channel);
    res.on('close', () => {
      this.#channels.delete(channel);
      timing.endedAt = clock();
    });

    if (body === undefined) return this.#send(res, badJson(flavor, raw), timing);
    if (!this.#authorized(req)) return this.#send(res, unauthorized(flavor, bearer(req)), timing);
    if (fault?.kind === 'status') return this.#send(res, this.#statusReply(fault, req), timing);
    const request = parseChatRequest(body);
    if (!request) return this.#send(res, badRequest(flavor, "'messages' is required"), timing);
    if (flavor !== 'llamacpp' && !this.#hasModel(request.model)) {
      return this.#send(res, unknownModel(flavor, request.model), timing);
    }
    // llama-server without a projector (--mmproj) answers images with a 500.
    if (flavor === 'llamacpp' && request.hasImages && !this.#contextMeta.capabilities?.includes('vision')) {
      const message = 'image input is not supported by this server';
      return this.#send(res, { status: 500, body: errorBody(flavor, 500, message) }, timing);
    }
    const tools = toolTurn(this.#toolScript, body);
    if (tools?.kind === 'refuse')
      return this.#send(
        res,
        { status: tools.status, body: errorBody(flavor, tools.status, tools.message) },
        timing,
      );
    if (fault?.kind === 'cold-load' && !(await channel.wait(Math.max(0, fault.delayMs)))) return;

    const text =
      tools?.kind === 'answer'
        ? tools.text
        : tools?.kind === 'calls'
          ? ''
          : fault?.kind === 'split-utf8'
            ? SPLIT_UTF8_TEXT
            : this.#reply(request.messages, request.model);
    const reasoning = this.#reasoning;
    const all = generateTokens(text, reasoning, request.messages, request.model);
    // The limit counts reasoning tokens too, as servers do: a low max_tokens cuts the thinking.
    const limit = request.maxTokens;
    const tokens = limit !== undefined && limit >= 0 && limit < all.length ? all.slice(0, limit) : all;
    const generation: Generation = {
      id: completionId(this.#flavor),
      created: Math.floor(Date.now() / 1000),
      request,
      tokens,
      reasoningField: reasoningField(reasoning?.style),
      finishReason: tokens.length < all.length || reasoning?.cutOff ? 'length' : 'stop',
      promptTokens: this.#promptTokens(request.messages),
      fault,
      timing,
      channel,
      ...(tools?.kind === 'calls' ? { toolDeltas: tools.deltas } : {}),
    };
    if (request.stream) await this.#stream(generation);
    else await this.#complete(generation);
  }

  #hasModel(model: string): boolean {
    if (this.#models.includes(model)) return true;
    return this.#flavor === 'ollama' && !model.includes(':') && this.#models.includes(`${model}:latest`);
  }

  #statusReply(fault: Extract<Fault, { kind: 'status' }>, req: IncomingMessage): HttpReply {
    const flavor = this.#flavor;
    const reply: HttpReply =
      fault.status === 401
        ? unauthorized(flavor, bearer(req), fault.message)
        : { status: fault.status, body: errorBody(flavor, fault.status, fault.message) };
    const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
    if (retryAfter !== undefined) {
      reply.headers = { 'retry-after': String(retryAfter) };
      if (flavor === 'openai') reply.headers['retry-after-ms'] = String(Math.round(retryAfter * 1000));
    }
    return reply;
  }

  /** `reasoning_tokens` counts the thinking tokens sent, where the flavour reports them. */
  #usage(g: Generation, sent: readonly GeneratedToken[]) {
    const reasoningTokens =
      this.#reasoning && reportsReasoningTokens(this.#flavor)
        ? sent.filter((t) => t.thinking).length
        : undefined;
    return usageBody(g.promptTokens, sent.length, reasoningTokens);
  }

  #llamaTimings(g: Generation) {
    return llamaTimings(g.timing, g.promptTokens, clock());
  }

  #pauseMs(): number {
    return this.#tokensPerSecond > 0 ? 1000 / this.#tokensPerSecond : 0;
  }

  async #stream(g: Generation): Promise<void> {
    const flavor = this.#flavor;
    const { channel, timing, fault } = g;
    const res = channel.res;
    res.writeHead(200, {
      'content-type': flavor === 'openai' ? 'text/event-stream; charset=utf-8' : 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    timing.headersAt = clock();

    const usageNull = flavor === 'openai' && g.request.includeUsage ? { usage: null } : {};
    const chunk = (
      delta: Record<string, unknown>,
      finishReason: string | null,
      extra: object = usageNull,
    ) => ({
      id: g.id,
      object: 'chat.completion.chunk',
      created: g.created,
      model: g.request.model,
      ...fingerprint(flavor),
      choices: [
        { index: 0, delta, ...(flavor === 'openai' ? { logprobs: null } : {}), finish_reason: finishReason },
      ],
      ...extra,
    });
    const event = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
    const midStream = fault && 'afterTokens' in fault ? fault : undefined;

    // Ollama repeats the role on every delta; OpenAI and LiteLLM open with a role-only delta; llama.cpp never sends it.
    if (flavor !== 'ollama' && flavor !== 'llamacpp') {
      const opening =
        flavor === 'openai'
          ? { role: 'assistant', content: '', refusal: null }
          : { role: 'assistant', content: '' };
      if (!(await channel.write(event(chunk(opening, null))))) return;
    }
    for (let i = 0; i < g.tokens.length; i++) {
      if (midStream && midStream.afterTokens <= i && (await runMidStreamFault(g, midStream))) return;
      if (i > 0 && !(await channel.wait(this.#pauseMs()))) return;
      const token = g.tokens[i] as GeneratedToken;
      timing.tokens++;
      // Hidden reasoning (OpenAI) takes the time and the tokens but writes nothing.
      if (token.channel === 'hidden') continue;
      const data = event(chunk(this.#delta(g, token), null));
      const written =
        fault?.kind === 'split-utf8' ? await writeSplit(channel, data) : await channel.write(data);
      if (!written) return;
      timing.lastTokenAt = clock();
      timing.firstTokenAt ??= timing.lastTokenAt;
    }
    if (midStream && (await runMidStreamFault(g, midStream))) return;
    for (const delta of g.toolDeltas ?? []) {
      if (!(await channel.write(event(chunk(delta, null))))) return;
      timing.firstTokenAt ??= clock();
    }
    if (g.toolDeltas) g.finishReason = 'tool_calls';

    const finalDelta = flavor === 'ollama' ? { role: 'assistant', content: '' } : {};
    if (flavor === 'llamacpp') {
      const extra = {
        ...(this.#omitUsage ? {} : { usage: this.#usage(g, g.tokens.slice(0, timing.tokens)) }),
        timings: this.#llamaTimings(g),
      };
      if (!(await channel.write(event(chunk(finalDelta, g.finishReason, extra))))) return;
    } else {
      if (!(await channel.write(event(chunk(finalDelta, g.finishReason))))) return;
      if (g.request.includeUsage && !this.#omitUsage) {
        const { choices: _omit, ...head } = chunk({}, null, {});
        if (
          !(await channel.write(
            event({ ...head, choices: [], usage: this.#usage(g, g.tokens.slice(0, timing.tokens)) }),
          ))
        )
          return;
      }
    }
    channel.end('data: [DONE]\n\n');
  }

  /** One token's delta: content, or the style's reasoning field (Ollama repeats the role on each). */
  #delta(g: Generation, token: GeneratedToken): Record<string, unknown> {
    const role = this.#flavor === 'ollama' ? { role: 'assistant' } : {};
    if (token.channel === 'field' && g.reasoningField) {
      return this.#flavor === 'ollama'
        ? { ...role, content: '', [g.reasoningField]: token.text }
        : { [g.reasoningField]: token.text };
    }
    return { ...role, content: token.text };
  }

  /** Non-streaming: the whole completion once "generated" (tokens / tps), faults mapped onto the body. */
  async #complete(g: Generation): Promise<void> {
    const flavor = this.#flavor;
    const { channel, timing, fault } = g;
    const res = channel.res;
    const pause = this.#pauseMs();
    if (pause > 0 && !(await channel.wait(pause * g.tokens.length))) return;

    if (fault?.kind === 'inband-error') {
      const message = fault.message ?? 'internal server error';
      return this.#send(res, { status: 500, body: errorBody(flavor, 500, message) }, timing);
    }
    const text = g.tokens
      .filter((t) => t.channel === 'content')
      .map((t) => t.text)
      .join('');
    const thought = g.tokens
      .filter((t) => t.channel === 'field')
      .map((t) => t.text)
      .join('');
    timing.tokens = g.tokens.length;
    const completion = {
      id: g.id,
      object: 'chat.completion',
      created: g.created,
      model: g.request.model,
      ...fingerprint(flavor),
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: text,
            ...(g.reasoningField && thought ? { [g.reasoningField]: thought } : {}),
            ...(flavor === 'openai' ? { refusal: null } : {}),
          },
          ...(flavor === 'openai' ? { logprobs: null } : {}),
          finish_reason: g.finishReason,
        },
      ],
      ...(this.#omitUsage ? {} : { usage: this.#usage(g, g.tokens) }),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    timing.headersAt = clock();
    if (flavor === 'llamacpp') Object.assign(completion, { timings: this.#llamaTimings(g) });
    const payload = Buffer.from(JSON.stringify(completion), 'utf8');
    const half = payload.subarray(0, Math.floor(payload.length / 2));

    const wrote = (ok: boolean) => {
      if (ok && g.tokens.length > 0) {
        timing.lastTokenAt = clock();
        timing.firstTokenAt = timing.lastTokenAt;
      }
      return ok;
    };
    switch (fault?.kind) {
      case 'stall-after-headers':
        if (await channel.write(half)) await channel.untilGone();
        return;
      case 'reset-mid-stream':
        if ((await channel.write(half)) && (await channel.wait(RESET_PAUSE_MS))) channel.reset();
        return;
      case 'eof-without-done':
        if (await channel.write(half)) channel.end();
        return;
      case 'malformed-chunk':
        channel.end('{not json');
        return;
      case 'split-utf8': {
        const lead = payload.findIndex((b) => b >= 0xc0);
        if (!wrote(await channel.write(payload.subarray(0, lead + 1)))) return;
        if (await channel.wait(SPLIT_PAUSE_MS)) channel.end(payload.subarray(lead + 1));
        return;
      }
      default:
        if (wrote(await channel.write(payload))) channel.end();
    }
  }
}

interface Generation {
  id: string;
  created: number;
  request: ChatRequest;
  tokens: GeneratedToken[];
  /** The delta field reasoning streams in, for the field styles. */
  reasoningField: string | undefined;
  finishReason: 'stop' | 'length' | 'tool_calls';
  promptTokens: number;
  /** The calls this turn makes (tool-call-flavours.ts), written after the text. */
  toolDeltas?: Record<string, unknown>[];
  fault: Fault | undefined;
  timing: StreamTiming;
  channel: ResponseChannel;
  faultDone?: boolean;
}

function parseChatRequest(body: unknown): ChatRequest | undefined {
  if (!body || typeof body !== 'object' || !('messages' in body) || !Array.isArray(body.messages))
    return undefined;
  const b = body as Record<string, unknown>;
  const streamOptions = b.stream_options as { include_usage?: unknown } | null | undefined;
  const maxTokens = b.max_completion_tokens ?? b.max_tokens;
  return {
    model: typeof b.model === 'string' ? b.model : '',
    messages: normalizeMessages(b.messages),
    stream: b.stream === true,
    includeUsage: streamOptions?.include_usage === true,
    maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
    hasImages: (b.messages as unknown[]).some((m) => {
      const content = (m as { content?: unknown } | null)?.content;
      return (
        Array.isArray(content) && content.some((p) => (p as { type?: unknown } | null)?.type === 'image_url')
      );
    }),
  };
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
