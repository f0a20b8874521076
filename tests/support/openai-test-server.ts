import { randomBytes, randomUUID } from 'node:crypto';
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
  splitTokens,
  SPLIT_UTF8_TEXT,
  type ChatMessageText,
} from './test-server/reply';
import { ResponseChannel } from './test-server/response-channel';
import { llamacppRoute } from './test-server/llamacpp';
import { lmstudioRoute } from './test-server/lmstudio';
import { vllmRoute } from './test-server/vllm';
import {
  litellmModelInfo,
  ollamaShow,
  ollamaPs,
  ollamaShowNotFound,
  type ContextMetadata,
} from './test-server/model-metadata';

export { DEFAULT_SENTENCE, SPLIT_UTF8_TEXT, defaultReply, splitTokens } from './test-server/reply';

/**
 * An OpenAI-compatible server on 127.0.0.1 that behaves like Ollama, LiteLLM, OpenAI, llama.cpp,
 * vLLM or LM Studio (their own endpoints in test-server/llamacpp.ts, vllm.ts, lmstudio.ts)
 * (status codes, error bodies, SSE framing; see the shared PROTOCOLS.md), with fault injection for
 * everything a real backend does to a streaming client: cold loads, stalls, resets, truncation,
 * in-band errors, garbage, error statuses with Retry-After, and UTF-8 split across writes.
 *
 *   const server = await startTestServer({ flavor: 'ollama' });
 *   server.fail({ kind: 'reset-mid-stream', afterTokens: 3 });   // the next chat request only
 *   new OpenAI({ baseURL: server.url, apiKey: 'x' });
 *   await server.close();
 */

export type Flavor = 'ollama' | 'litellm' | 'openai' | 'llamacpp' | 'vllm' | 'lmstudio';

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
  /** The reply is SPLIT_UTF8_TEXT and every token event is written in two parts, splitting a multi-byte character. */
  | { kind: 'split-utf8' };

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
  /** Queues a fault for the next `times` (default 1) chat completion requests; faults queue FIFO. */
  fail(fault: Fault, times?: number): void;
  clearFaults(): void;
  setReply(reply: TestServerOptions['reply']): void;
  setTokensPerSecond(tps: number): void;
  setModels(models: string[]): void;
  setOmitUsage(omit: boolean): void;
  setContextMetadata(meta: ContextMetadata): void;
  setPromptTokens(count: TestServerOptions['promptTokens']): void;
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
/** Pause between the two halves of a split write, so they reach the client as separate reads. */
const SPLIT_PAUSE_MS = 5;
/** Pause before a reset, so the tokens already written are read by the client first. */
const RESET_PAUSE_MS = 10;

type MidStreamFault = Extract<Fault, { afterTokens: number }>;

interface ChatRequest {
  model: string;
  messages: ChatMessageText[];
  stream: boolean;
  includeUsage: boolean;
  maxTokens: number | undefined;
}

class OpenAITestServer implements TestServer {
  readonly requests: RecordedRequest[] = [];
  readonly timings: StreamTiming[] = [];
  readonly #flavor: Flavor;
  readonly #apiKey: string | undefined;
  #models: string[];
  #tokensPerSecond: number;
  #omitUsage: boolean;
  #contextMeta: ContextMetadata;
  #promptTokens: NonNullable<TestServerOptions['promptTokens']>;
  #reply: NonNullable<TestServerOptions['reply']>;
  #faults: Fault[] = [];
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
        ? { status: 200, body: ollamaShow(model, this.#contextMeta) }
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
    if (fault?.kind === 'cold-load' && !(await channel.wait(Math.max(0, fault.delayMs)))) return;

    const text =
      fault?.kind === 'split-utf8' ? SPLIT_UTF8_TEXT : this.#reply(request.messages, request.model);
    const all = splitTokens(text);
    const limit = request.maxTokens;
    const tokens = limit !== undefined && limit >= 0 && limit < all.length ? all.slice(0, limit) : all;
    const generation: Generation = {
      id: this.#completionId(),
      created: Math.floor(Date.now() / 1000),
      request,
      tokens,
      finishReason: tokens.length < all.length ? 'length' : 'stop',
      promptTokens: this.#promptTokens(request.messages),
      fault,
      timing,
      channel,
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

  #completionId(): string {
    switch (this.#flavor) {
      case 'ollama':
        return `chatcmpl-${Math.floor(Math.random() * 1000)}`;
      case 'openai':
        return `chatcmpl-${alphanumeric(29)}`;
      case 'litellm':
        return `chatcmpl-${randomUUID()}`;
      case 'llamacpp':
        return `chatcmpl-${alphanumeric(32)}`;
      case 'vllm':
        return `chatcmpl-${randomBytes(16).toString('hex')}`;
      case 'lmstudio':
        return `chatcmpl-${alphanumeric(18).toLowerCase()}`;
    }
  }

  #fingerprint(): Record<string, unknown> {
    if (this.#flavor === 'ollama') return { system_fingerprint: 'fp_ollama' };
    if (this.#flavor === 'llamacpp') return { system_fingerprint: 'b4600-test' };
    return {};
  }

  #usage(g: Generation, completionTokens: number) {
    return {
      prompt_tokens: g.promptTokens,
      completion_tokens: completionTokens,
      total_tokens: g.promptTokens + completionTokens,
    };
  }

  /** llama.cpp's `timings` object, from what actually happened. */
  #llamaTimings(g: Generation) {
    const promptMs = Math.max(0.001, (g.timing.headersAt ?? clock()) - g.timing.requestAt);
    const predictedMs = Math.max(0.001, (g.timing.lastTokenAt ?? clock()) - (g.timing.headersAt ?? clock()));
    const predicted = g.timing.tokens;
    return {
      prompt_n: g.promptTokens,
      prompt_ms: promptMs,
      prompt_per_token_ms: promptMs / Math.max(1, g.promptTokens),
      prompt_per_second: (g.promptTokens * 1000) / promptMs,
      predicted_n: predicted,
      predicted_ms: predictedMs,
      predicted_per_token_ms: predictedMs / Math.max(1, predicted),
      predicted_per_second: (predicted * 1000) / predictedMs,
    };
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
      ...this.#fingerprint(),
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
      if (midStream && midStream.afterTokens <= i && (await this.#midStreamFault(g, midStream))) return;
      if (i > 0 && !(await channel.wait(this.#pauseMs()))) return;
      const delta =
        flavor === 'ollama' ? { role: 'assistant', content: g.tokens[i] } : { content: g.tokens[i] };
      const data = event(chunk(delta, null));
      const written =
        fault?.kind === 'split-utf8' ? await this.#writeSplit(channel, data) : await channel.write(data);
      if (!written) return;
      timing.tokens++;
      timing.lastTokenAt = clock();
      timing.firstTokenAt ??= timing.lastTokenAt;
    }
    if (midStream && (await this.#midStreamFault(g, midStream))) return;

    const finalDelta = flavor === 'ollama' ? { role: 'assistant', content: '' } : {};
    if (flavor === 'llamacpp') {
      const extra = {
        ...(this.#omitUsage ? {} : { usage: this.#usage(g, timing.tokens) }),
        timings: this.#llamaTimings(g),
      };
      if (!(await channel.write(event(chunk(finalDelta, g.finishReason, extra))))) return;
    } else {
      if (!(await channel.write(event(chunk(finalDelta, g.finishReason))))) return;
      if (g.request.includeUsage && !this.#omitUsage) {
        const { choices: _omit, ...head } = chunk({}, null, {});
        if (!(await channel.write(event({ ...head, choices: [], usage: this.#usage(g, timing.tokens) }))))
          return;
      }
    }
    channel.end('data: [DONE]\n\n');
  }

  /**
   * Runs a mid-stream fault at its point; resolves true when the stream is over. `malformed-chunk`
   * writes its garbage once and lets the stream go on.
   */
  async #midStreamFault(g: Generation, fault: MidStreamFault): Promise<boolean> {
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
  async #writeSplit(channel: ResponseChannel, data: string): Promise<boolean> {
    const bytes = Buffer.from(data, 'utf8');
    const lead = bytes.findIndex((b) => b >= 0xc0);
    if (lead < 0) return channel.write(bytes);
    return (
      (await channel.write(bytes.subarray(0, lead + 1))) &&
      (await channel.wait(SPLIT_PAUSE_MS)) &&
      (await channel.write(bytes.subarray(lead + 1)))
    );
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
    const text = g.tokens.join('');
    timing.tokens = g.tokens.length;
    const completion = {
      id: g.id,
      object: 'chat.completion',
      created: g.created,
      model: g.request.model,
      ...this.#fingerprint(),
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, ...(flavor === 'openai' ? { refusal: null } : {}) },
          ...(flavor === 'openai' ? { logprobs: null } : {}),
          finish_reason: g.finishReason,
        },
      ],
      ...(this.#omitUsage ? {} : { usage: this.#usage(g, g.tokens.length) }),
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
  tokens: string[];
  finishReason: 'stop' | 'length';
  promptTokens: number;
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
  };
}

function alphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
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
