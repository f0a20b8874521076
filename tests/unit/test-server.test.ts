import { request as httpRequest } from 'node:http';
import OpenAI, {
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SENTENCE,
  SPLIT_UTF8_TEXT,
  splitTokens,
  startTestServer,
  type Flavor,
  type TestServer,
} from '../support/openai-test-server';

/**
 * The test server itself, seen through the real `openai` client (what the app uses) and through raw
 * HTTP where the SDK hides the wire: framing, headers, error bodies and every fault.
 */

const MODEL = 'llama3.2:1b';
const KEY = 'sk-right-key';
const hello = [{ role: 'user' as const, content: 'hello' }];
const helloReply = `You said: hello. ${DEFAULT_SENTENCE}`;
const clock = () => performance.timeOrigin + performance.now();

const sdk = (server: TestServer, apiKey = 'x') =>
  new OpenAI({ baseURL: server.url, apiKey, maxRetries: 0, logLevel: 'off' });

interface Collected {
  chunks: ChatCompletionChunk[];
  text: string;
  finishReason: string | null | undefined;
  usage: ChatCompletionChunk['usage'] | undefined;
  error: unknown;
}

/** Iterates a stream to its end, keeping what arrived and the error that ended it, if any. */
async function collect(
  stream: AsyncIterable<ChatCompletionChunk>,
  stopAfterTokens?: number,
): Promise<Collected> {
  const out: Collected = {
    chunks: [],
    text: '',
    finishReason: undefined,
    usage: undefined,
    error: undefined,
  };
  try {
    for await (const chunk of stream) {
      out.chunks.push(chunk);
      const choice = chunk.choices[0];
      out.text += choice?.delta?.content ?? '';
      if (choice?.finish_reason) out.finishReason = choice.finish_reason;
      if (chunk.usage) out.usage = chunk.usage;
      if (
        stopAfterTokens !== undefined &&
        out.chunks.filter((c) => c.choices[0]?.delta?.content).length >= stopAfterTokens
      )
        break;
    }
  } catch (error) {
    out.error = error;
  }
  return out;
}

const streamHello = (server: TestServer, extra: Record<string, unknown> = {}, apiKey?: string) =>
  sdk(server, apiKey).chat.completions.create({
    model: MODEL,
    messages: hello,
    stream: true,
    stream_options: { include_usage: true },
    ...extra,
  } as OpenAI.ChatCompletionCreateParamsStreaming);

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  chunks: Buffer[];
  text: string;
}

/** One raw HTTP exchange, keeping the body exactly as the socket delivered it. */
function raw(
  server: TestServer,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
) {
  return new Promise<Raw>((resolve, reject) => {
    const req = httpRequest(`${server.origin}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          chunks,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const chatBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: MODEL, messages: hello, stream: true, ...extra });

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a normal exchange (ollama)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('streams one token per event, then finish_reason stop, a usage chunk and [DONE]', async () => {
    const result = await collect(await streamHello(server));
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(helloReply);
    const contentChunks = result.chunks.filter((c) => c.choices[0]?.delta?.content);
    expect(contentChunks.map((c) => c.choices[0]?.delta?.content)).toEqual(splitTokens(helloReply));
    expect(result.chunks[0]?.choices[0]?.delta?.role).toBe('assistant');
    expect(result.chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === MODEL)).toBe(true);
    expect(result.chunks.every((c) => c.system_fingerprint === 'fp_ollama')).toBe(true);

    const [finish, usage] = result.chunks.slice(-2);
    expect(finish?.choices[0]?.finish_reason).toBe('stop');
    expect(finish?.choices[0]?.delta?.content).toBe('');
    expect(usage?.choices).toEqual([]);
    expect(usage?.usage).toEqual({
      prompt_tokens: 2,
      completion_tokens: contentChunks.length,
      total_tokens: 2 + contentChunks.length,
    });

    const timing = server.timings.at(-1);
    expect(timing).toMatchObject({ tokens: contentChunks.length, aborted: false });
    expect(timing!.headersAt!).toBeGreaterThanOrEqual(timing!.requestAt);
    expect(timing!.firstTokenAt!).toBeGreaterThanOrEqual(timing!.headersAt!);
    expect(timing!.lastTokenAt!).toBeGreaterThanOrEqual(timing!.firstTokenAt!);
    const recorded = server.requests.at(-1);
    expect(recorded).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(recorded?.body).toMatchObject({
      model: MODEL,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('frames SSE exactly: data lines, blank-line separators, [DONE] last', async () => {
    const res = await raw(server, 'POST', '/v1/chat/completions', chatBody());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream');
    const events = res.text.split('\n\n');
    expect(events.at(-1)).toBe('');
    expect(events.at(-2)).toBe('data: [DONE]');
    expect(events.slice(0, -2).every((e) => e.startsWith('data: {') && !e.includes('\n'))).toBe(true);
    // No include_usage: no usage chunk.
    expect(res.text).not.toContain('"usage"');
  });

  it('answers without streaming with a whole chat.completion', async () => {
    const completion = await sdk(server).chat.completions.create({ model: MODEL, messages: hello });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: MODEL,
      choices: [{ index: 0, message: { role: 'assistant', content: helloReply }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 2, completion_tokens: splitTokens(helloReply).length },
    });
    expect(completion.id).toMatch(/^chatcmpl-\d+$/);
  });

  it('stops at max_tokens with finish_reason length', async () => {
    const result = await collect(await streamHello(server, { max_tokens: 3 }));
    expect(result.text).toBe('You said: hello.');
    expect(result.finishReason).toBe('length');
    expect(result.usage?.completion_tokens).toBe(3);
  });

  it('uses setReply and keeps joining to the exact text, whitespace included', async () => {
    server.setReply((messages, model) => `  ${model}\n\n${messages.length} message(s)  `);
    try {
      const result = await collect(await streamHello(server));
      expect(result.text).toBe(`  ${MODEL}\n\n1 message(s)  `);
    } finally {
      server.setReply(undefined);
    }
  });

  it('paces tokens at tokensPerSecond and stops writing when the client goes away', async () => {
    server.setReply(() => 'one two three four five six');
    server.setTokensPerSecond(50);
    try {
      await collect(await streamHello(server));
      const paced = server.timings.at(-1)!;
      expect(paced.tokens).toBe(6);
      expect(paced.lastTokenAt! - paced.firstTokenAt!).toBeGreaterThanOrEqual(5 * 20 - 10);

      server.setTokensPerSecond(20);
      const early = await collect(await streamHello(server), 2);
      expect(early.text).toBe('one two');
      const timing = server.timings.at(-1)!;
      await until(() => timing.aborted);
      const tokensAtAbort = timing.tokens;
      await new Promise((r) => setTimeout(r, 150));
      expect(timing.tokens).toBe(tokensAtAbort);
      expect(timing.tokens).toBeLessThan(6);
    } finally {
      server.setReply(undefined);
      server.setTokensPerSecond(0);
    }
  });

  it('serves the Ollama native endpoints and a plain-text 404', async () => {
    server.setModels(['llama3.2:1b', 'qwen2.5:0.5b']);
    try {
      expect(JSON.parse((await raw(server, 'GET', '/api/version')).text)).toEqual({ version: '0.12.3' });
      expect(JSON.parse((await raw(server, 'GET', '/api/ps')).text)).toEqual({ models: [] });
      const tags = JSON.parse((await raw(server, 'GET', '/api/tags')).text) as {
        models: { name: string; size: number; details: Record<string, string> }[];
      };
      expect(tags.models.map((m) => m.name)).toEqual(['llama3.2:1b', 'qwen2.5:0.5b']);
      expect(tags.models[1]?.details).toMatchObject({ family: 'qwen', parameter_size: '0.5B' });
      expect(tags.models[0]?.details.quantization_level).toBeTruthy();
      expect((await raw(server, 'GET', '/')).text).toBe('Ollama is running');
      const missing = await raw(server, 'GET', '/v1/nothing');
      expect([missing.status, missing.text]).toEqual([404, '404 page not found']);
      // "llama3.2" means "llama3.2:latest" to Ollama, which is not installed here.
      await expect(
        sdk(server).chat.completions.create({ model: 'llama3.2', messages: hello }),
      ).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      server.setModels([MODEL]);
    }
  });
});

interface FlavorCase {
  ownedBy: string;
  /** Fields the server adds to each `/v1/models` entry. */
  modelFields?: Record<string, unknown>;
  unknown: {
    status: number;
    errorClass: typeof NotFoundError | typeof BadRequestError;
    message: RegExp;
    code: unknown;
  };
  auth: { code: unknown; type: string | undefined; message: RegExp } | undefined;
  badJsonStatus: number;
  statusBody: (status: number) => unknown;
}

const flavors: Record<Flavor, FlavorCase> = {
  ollama: {
    ownedBy: 'library',
    unknown: {
      status: 404,
      errorClass: NotFoundError,
      message: /^404 model 'nope:1b' not found$/,
      code: null,
    },
    auth: undefined,
    badJsonStatus: 400,
    statusBody: () => ({
      error: { message: expect.any(String), type: 'api_error', param: null, code: null },
    }),
  },
  openai: {
    ownedBy: 'openai',
    unknown: {
      status: 404,
      errorClass: NotFoundError,
      message: /^404 The model `nope:1b` does not exist or you do not have access to it\.$/,
      code: 'model_not_found',
    },
    auth: {
      code: 'invalid_api_key',
      type: 'invalid_request_error',
      message: /^401 Incorrect API key provided: sk-\*\*\*\./,
    },
    badJsonStatus: 400,
    statusBody: () => ({
      error: { message: expect.any(String), type: 'server_error', param: null, code: null },
    }),
  },
  litellm: {
    ownedBy: 'openai',
    unknown: {
      status: 400,
      errorClass: BadRequestError,
      message: /Invalid model name passed in model=nope:1b\. Call `\/v1\/models`/,
      code: '400',
    },
    auth: {
      code: '401',
      type: 'auth_error',
      message: /^401 Authentication Error, Invalid proxy server token passed/,
    },
    badJsonStatus: 400,
    statusBody: (status) => ({
      error: { message: expect.any(String), type: expect.any(String), param: 'None', code: String(status) },
    }),
  },
  llamacpp: {
    ownedBy: 'llamacpp',
    unknown: { status: 200, errorClass: NotFoundError, message: /./, code: undefined },
    auth: { code: 401, type: 'authentication_error', message: /^401 Invalid API Key$/ },
    badJsonStatus: 500,
    statusBody: (status) => ({
      error: { code: status, message: expect.any(String), type: 'unavailable_error' },
    }),
  },
  vllm: {
    ownedBy: 'vllm',
    modelFields: { root: MODEL, parent: null, max_model_len: 8_192 },
    unknown: {
      status: 404,
      errorClass: NotFoundError,
      message: /^404 The model `nope:1b` does not exist\.$/,
      code: 404,
    },
    auth: { code: undefined, type: undefined, message: /^401 "Unauthorized"$/ },
    badJsonStatus: 400,
    statusBody: (status) => ({
      error: { message: expect.any(String), type: 'ServiceUnavailableError', param: null, code: status },
    }),
  },
  lmstudio: {
    ownedBy: 'organization_owner',
    unknown: {
      status: 404,
      errorClass: NotFoundError,
      message: /^404 Model "nope:1b" not found\./,
      code: 'model_not_found',
    },
    auth: { code: null, type: 'authentication_error', message: /^401 Invalid or missing API token\.$/ },
    badJsonStatus: 400,
    statusBody: () => ({
      error: { message: expect.any(String), type: 'invalid_request_error', param: null, code: null },
    }),
  },
};

describe.each(Object.keys(flavors) as Flavor[])('the %s flavor', (flavor) => {
  const expected = flavors[flavor];
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ flavor, apiKey: KEY });
  });
  afterAll(() => server.close());

  it('lists models with its owned_by', async () => {
    const models = await sdk(server, KEY).models.list();
    expect(models.data).toEqual([
      {
        id: MODEL,
        object: 'model',
        created: expect.any(Number),
        owned_by: expected.ownedBy,
        ...expected.modelFields,
      },
    ]);
  });

  it('answers an unknown model like the real backend', async () => {
    const call = sdk(server, KEY).chat.completions.create({ model: 'nope:1b', messages: hello });
    if (flavor === 'llamacpp') {
      expect((await call).model).toBe('nope:1b');
      return;
    }
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(expected.unknown.errorClass);
    expect(error).toMatchObject({ status: expected.unknown.status, code: expected.unknown.code });
    expect((error as Error).message).toMatch(expected.unknown.message);
    const res = await raw(server, 'POST', '/v1/chat/completions', chatBody({ model: 'nope:1b' }), {
      authorization: `Bearer ${KEY}`,
    });
    const body = JSON.parse(res.text) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('checks the API key where the backend does', async () => {
    const call = sdk(server, 'sk-wrong').chat.completions.create({
      model: MODEL,
      messages: hello,
      stream: true,
    });
    if (!expected.auth) {
      expect((await collect(await call)).finishReason).toBe('stop');
      return;
    }
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: expected.auth.code, type: expected.auth.type });
    expect((error as Error).message).toMatch(expected.auth.message);
    const res = await raw(server, 'POST', '/v1/chat/completions', chatBody());
    expect([res.status, res.headers['content-type']]).toEqual([401, 'application/json']);
    // llama.cpp keeps /v1/models public even with --api-key.
    const models = await raw(server, 'GET', '/v1/models');
    expect(models.status).toBe(flavor === 'llamacpp' ? 200 : 401);
  });

  it('sends its error body for a status fault, then recovers', async () => {
    server.fail({ kind: 'status', status: 503 });
    const res = await raw(server, 'POST', '/v1/chat/completions', chatBody(), {
      authorization: `Bearer ${KEY}`,
    });
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toEqual(expected.statusBody(503));
    server.fail({ kind: 'status', status: 500, message: 'boom' });
    const error = await sdk(server, KEY)
      .chat.completions.create({ model: MODEL, messages: hello })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe('500 boom');
    expect(
      (await sdk(server, KEY).chat.completions.create({ model: MODEL, messages: hello })).choices,
    ).toHaveLength(1);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await raw(server, 'POST', '/v1/chat/completions', '{"model": ', {
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
    });
    expect(res.status).toBe(expected.badJsonStatus);
    expect(JSON.parse(res.text)).toHaveProperty('error.message');
    expect(server.requests.at(-1)?.body).toBeNull();
  });
});

describe('flavor specifics', () => {
  it('llama.cpp: no role, usage and timings on the finish chunk, no separate usage chunk', async () => {
    const server = await startTestServer({ flavor: 'llamacpp' });
    try {
      const result = await collect(await streamHello(server, { model: 'whatever.gguf' }));
      expect(result.text).toBe(helloReply);
      expect(result.chunks.some((c) => c.choices[0]?.delta && 'role' in c.choices[0].delta)).toBe(false);
      const last = result.chunks.at(-1) as ChatCompletionChunk & { timings?: Record<string, number> };
      expect(last.choices[0]?.finish_reason).toBe('stop');
      expect(last.usage?.completion_tokens).toBe(splitTokens(helloReply).length);
      expect(last.timings?.predicted_n).toBe(splitTokens(helloReply).length);
      expect(result.chunks.every((c) => c.choices.length === 1 && c.model === 'whatever.gguf')).toBe(true);
      expect((await raw(server, 'GET', '/health')).text).toBe('{"status":"ok"}');
      expect(JSON.parse((await raw(server, 'GET', '/nope')).text)).toEqual({
        error: { code: 404, message: 'File Not Found', type: 'not_found_error' },
      });
    } finally {
      await server.close();
    }
  });

  it('LiteLLM: served at / as well as /v1, liveliness without a key', async () => {
    const server = await startTestServer({ flavor: 'litellm', apiKey: KEY });
    try {
      const root = new OpenAI({ baseURL: server.origin, apiKey: KEY, maxRetries: 0 });
      const result = await collect(
        await root.chat.completions.create({ model: MODEL, messages: hello, stream: true }),
      );
      expect(result.text).toBe(helloReply);
      expect(result.chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
      const alive = await raw(server, 'GET', '/health/liveliness');
      expect([alive.status, JSON.parse(alive.text)]).toEqual([200, "I'm alive!"]);
      expect(JSON.parse((await raw(server, 'GET', '/nope')).text)).toEqual({ detail: 'Not Found' });
    } finally {
      await server.close();
    }
  });

  it('OpenAI: 429 carries retry-after and retry-after-ms', async () => {
    const server = await startTestServer({ flavor: 'openai' });
    try {
      server.fail({ kind: 'status', status: 429, retryAfterSeconds: 2 });
      const error = await sdk(server)
        .chat.completions.create({ model: MODEL, messages: hello })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'rate_limit_exceeded' });
      const headers = (error as RateLimitError).headers;
      expect([headers.get('retry-after'), headers.get('retry-after-ms')]).toEqual(['2', '2000']);
    } finally {
      await server.close();
    }
  });
});

describe('faults (ollama)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ flavor: 'ollama' });
  });
  afterAll(() => server.close());

  it('status faults queue FIFO for the given number of requests; 429 carries retry-after', async () => {
    server.fail({ kind: 'status', status: 429, retryAfterSeconds: 1 }, 2);
    server.fail({ kind: 'status', status: 502 });
    const attempt = () => streamHello(server).catch((e: unknown) => e);
    const first = await attempt();
    expect(first).toBeInstanceOf(RateLimitError);
    expect((first as RateLimitError).headers.get('retry-after')).toBe('1');
    expect((first as RateLimitError).headers.get('retry-after-ms')).toBeNull();
    expect(await attempt()).toBeInstanceOf(RateLimitError);
    expect(await attempt()).toMatchObject({ status: 502 });
    expect((await collect((await attempt()) as AsyncIterable<ChatCompletionChunk>)).finishReason).toBe(
      'stop',
    );

    server.fail({ kind: 'status', status: 500 }, 5);
    server.clearFaults();
    expect((await collect(await streamHello(server))).finishReason).toBe('stop');
  });

  it('cold-load holds the response headers back', async () => {
    server.fail({ kind: 'cold-load', delayMs: 300 });
    const started = clock();
    const stream = await streamHello(server);
    expect(clock() - started).toBeGreaterThanOrEqual(290);
    const timing = server.timings.at(-1)!;
    expect(timing.headersAt! - timing.requestAt).toBeGreaterThanOrEqual(290);
    expect((await collect(stream)).text).toBe(helloReply);
  });

  it('cold-load: a client that gives up while waiting is recorded as aborted, nothing is sent', async () => {
    server.fail({ kind: 'cold-load', delayMs: 5_000 });
    const controller = new AbortController();
    const before = server.timings.length;
    const pending = sdk(server)
      .chat.completions.create({ model: MODEL, messages: hello, stream: true }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await until(() => server.timings.length > before);
    const timing = server.timings.at(-1)!;
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBeInstanceOf(APIUserAbortError);
    await until(() => timing.aborted);
    expect(timing.headersAt).toBeUndefined();
    expect(timing.tokens).toBe(0);
  });

  it('an abort mid-stream ends the SDK iteration silently and is recorded as aborted', async () => {
    server.setTokensPerSecond(20);
    try {
      const controller = new AbortController();
      const stream = await sdk(server).chat.completions.create(
        { model: MODEL, messages: hello, stream: true },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 70);
      const result = await collect(stream);
      // No APIUserAbortError once iteration has begun: the loop just ends, without a finish_reason.
      expect(result.error).toBeUndefined();
      expect(result.finishReason).toBeUndefined();
      const timing = server.timings.at(-1)!;
      await until(() => timing.aborted);
      expect(timing.tokens).toBeLessThan(splitTokens(helloReply).length);
    } finally {
      server.setTokensPerSecond(0);
    }
  });

  it('maps faults onto a non-streaming body: truncated JSON, llama.cpp-style 500', async () => {
    server.fail({ kind: 'eof-without-done', afterTokens: 1 });
    const truncated = await sdk(server)
      .chat.completions.create({ model: MODEL, messages: hello })
      .catch((e: unknown) => e);
    expect(truncated).toBeInstanceOf(SyntaxError);
    server.fail({ kind: 'inband-error', afterTokens: 1, message: 'slot unavailable' });
    const inband = await sdk(server)
      .chat.completions.create({ model: MODEL, messages: hello })
      .catch((e: unknown) => e);
    expect(inband).toBeInstanceOf(InternalServerError);
    expect((inband as Error).message).toBe('500 slot unavailable');
  });

  it('reset-mid-stream surfaces in the SDK as a plain TypeError after the tokens sent', async () => {
    server.fail({ kind: 'reset-mid-stream', afterTokens: 3 });
    const result = await collect(await streamHello(server));
    expect(result.error).toBeInstanceOf(TypeError);
    expect(result.error).not.toBeInstanceOf(OpenAI.APIError);
    expect(result.text).toBe('You said: hello.');
    expect(result.finishReason).toBeUndefined();
    expect(server.timings.at(-1)).toMatchObject({ tokens: 3, aborted: false });
  });

  it('eof-without-done ends the iteration quietly, with no finish_reason and no usage', async () => {
    server.fail({ kind: 'eof-without-done', afterTokens: 5 });
    const result = await collect(await streamHello(server));
    expect(result.error).toBeUndefined();
    expect(result.text).toBe(splitTokens(helloReply).slice(0, 5).join(''));
    expect(result.finishReason).toBeUndefined();
    expect(result.usage).toBeUndefined();
    server.fail({ kind: 'eof-without-done', afterTokens: 1 });
    const res = await raw(server, 'POST', '/v1/chat/completions', chatBody());
    expect(res.text).not.toContain('[DONE]');
    expect(res.text).not.toContain('finish_reason":"');
  });

  it('malformed-chunk makes the SDK throw a SyntaxError', async () => {
    server.fail({ kind: 'malformed-chunk', afterTokens: 2 });
    const result = await collect(await streamHello(server));
    expect(result.error).toBeInstanceOf(SyntaxError);
    expect(result.text).toBe('You said:');
  });

  it('inband-error writes a non-data error line then [DONE], which the SDK skips silently', async () => {
    server.fail({ kind: 'inband-error', afterTokens: 2, message: 'slot unavailable' });
    const result = await collect(await streamHello(server));
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('You said:');
    expect(result.finishReason).toBeUndefined();

    server.fail({ kind: 'inband-error', afterTokens: 1 });
    const res = await raw(server, 'POST', '/v1/chat/completions', chatBody());
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /\n\nerror: \{"code":500,"message":"[^"]+","type":"server_error"\}\n\ndata: \[DONE\]\n\n$/,
    );
  });

  it('split-utf8 splits multi-byte characters across socket writes; the SDK decodes them intact', async () => {
    server.fail({ kind: 'split-utf8' });
    const result = await collect(await streamHello(server));
    expect(result.text).toBe(SPLIT_UTF8_TEXT);

    server.fail({ kind: 'split-utf8' });
    const res = await raw(server, 'POST', '/v1/chat/completions', chatBody());
    const strict = new TextDecoder('utf-8', { fatal: true });
    const invalidAlone = res.chunks.filter((chunk) => {
      try {
        strict.decode(chunk);
        return false;
      } catch {
        return true;
      }
    });
    expect(invalidAlone.length).toBeGreaterThan(0);
    expect(res.text).toContain('日本語');
  });
});

describe('close()', () => {
  it('resolves with a stalled stream open, and the stalled client then sees the connection end', async () => {
    const server = await startTestServer();
    server.fail({ kind: 'stall-after-headers', afterTokens: 2 });
    const stream = await streamHello(server);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.choices[0]?.delta?.content).toBe('You');
    expect((await iterator.next()).value?.choices[0]?.delta?.content).toBe(' said:');
    const stalled = iterator.next().then(
      () => undefined,
      (e: unknown) => e,
    );
    const winner = await Promise.race([stalled, new Promise((r) => setTimeout(() => r('stalled'), 200))]);
    expect(winner).toBe('stalled');

    const started = clock();
    await server.close();
    expect(clock() - started).toBeLessThan(1_000);
    expect(await stalled).toBeInstanceOf(TypeError);
    expect(server.timings.at(-1)).toMatchObject({ tokens: 2, aborted: false });
  });

  it('leaves no timers behind when a paced stream is cut by close()', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const server = await startTestServer({ tokensPerSecond: 5 });
    const stream = await streamHello(server);
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const before = timers();
    await server.close();
    await iterator.next().catch(() => undefined);
    expect(timers()).toBeLessThan(before);
  });
});
