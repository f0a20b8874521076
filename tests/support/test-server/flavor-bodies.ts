import { createHash } from 'node:crypto';
import type { Flavor } from '../openai-test-server';
import { llamacppModelFields } from './llamacpp';
import { lmstudioError, lmstudioUnknownModel } from './lmstudio';
import type { ContextMetadata } from './model-metadata';
import { vllmError, vllmModelFields, vllmUnauthorized, vllmUnknownModel } from './vllm';

/**
 * Response bodies as each backend writes them (PROTOCOLS.md): error bodies, model lists and the
 * Ollama native listings. Pure functions; the server decides when to send which.
 */

export interface HttpReply {
  status: number;
  body: unknown;
  /** Sent as text/plain when set (Ollama's Go router answers unknown paths in plain text). */
  text?: string;
  headers?: Record<string, string>;
}

const ollamaType = (status: number): string =>
  status === 400 ? 'invalid_request_error' : status === 404 ? 'not_found_error' : 'api_error';

const openaiType = (status: number): string =>
  status === 429
    ? 'rate_limit_exceeded'
    : status >= 500
      ? 'server_error'
      : status === 403
        ? 'permission_error'
        : 'invalid_request_error';

const litellmType = (status: number): string =>
  ({
    400: 'bad_request_error',
    401: 'auth_error',
    403: 'auth_error',
    404: 'not_found_error',
    429: 'throttling_error',
  })[status] ?? (status >= 500 ? 'internal_server_error' : 'None');

const llamacppType = (status: number): string =>
  ({
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    501: 'not_supported_error',
    503: 'unavailable_error',
  })[status] ?? 'server_error';

const defaultMessage = (status: number): string =>
  ({
    400: 'Bad request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    408: 'Request timed out',
    409: 'Conflict',
    429: 'Rate limit reached, please try again later',
    500: 'The server had an error while processing your request. Sorry about that!',
    502: 'Bad gateway',
    503: 'The server is overloaded or not ready yet.',
    504: 'Gateway timeout',
  })[status] ?? `HTTP ${status}`;

/** The flavor's generic error body for `status` (used by the `status` fault and bad requests). */
export function errorBody(flavor: Flavor, status: number, message = defaultMessage(status)): unknown {
  switch (flavor) {
    case 'ollama':
      return { error: { message, type: ollamaType(status), param: null, code: null } };
    case 'openai':
      return {
        error: {
          message,
          type: openaiType(status),
          param: null,
          code: status === 429 ? 'rate_limit_exceeded' : null,
        },
      };
    case 'litellm':
      return { error: { message, type: litellmType(status), param: 'None', code: String(status) } };
    case 'llamacpp':
      return { error: { code: status, message, type: llamacppType(status) } };
    case 'vllm':
      return vllmError(status, message);
    case 'lmstudio':
      return lmstudioError(status, message);
  }
}

/** Missing or wrong API key. Ollama never checks keys, so it only gets here through a `status` fault. */
export function unauthorized(flavor: Flavor, sentKey: string | undefined, message?: string): HttpReply {
  switch (flavor) {
    case 'openai':
      return {
        status: 401,
        body: {
          error: {
            message:
              message ??
              (sentKey
                ? `Incorrect API key provided: ${sentKey.slice(0, 3)}***. You can find your API key at https://platform.openai.com/account/api-keys.`
                : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."),
            type: 'invalid_request_error',
            param: null,
            code: sentKey ? 'invalid_api_key' : null,
          },
        },
      };
    case 'litellm':
      return {
        status: 401,
        body: {
          error: {
            message:
              message ??
              (sentKey
                ? `Authentication Error, Invalid proxy server token passed. Received API Key = ${sentKey.slice(0, 3)}...${sentKey.slice(-4)}, Key Hash (Token) = ${sha256(sentKey)}. Unable to find token in cache or \`LiteLLM_VerificationTokenTable\``
                : 'Authentication Error, No api key passed in.'),
            type: 'auth_error',
            param: 'None',
            code: '401',
          },
        },
      };
    case 'llamacpp':
      return {
        status: 401,
        body: { error: { code: 401, message: message ?? 'Invalid API Key', type: 'authentication_error' } },
      };
    case 'ollama':
      return { status: 401, body: errorBody('ollama', 401, message ?? 'unauthorized') };
    case 'vllm':
      return message === undefined ? vllmUnauthorized() : { status: 401, body: vllmError(401, message) };
    case 'lmstudio':
      return { status: 401, body: lmstudioError(401, message ?? 'Invalid or missing API token.') };
  }
}

export function unknownModel(flavor: Flavor, model: string): HttpReply {
  switch (flavor) {
    case 'ollama':
      return {
        status: 404,
        body: {
          error: { message: `model '${model}' not found`, type: 'not_found_error', param: null, code: null },
        },
      };
    case 'openai':
      return {
        status: 404,
        body: {
          error: {
            message: `The model \`${model}\` does not exist or you do not have access to it.`,
            type: 'invalid_request_error',
            param: null,
            code: 'model_not_found',
          },
        },
      };
    case 'litellm':
      return {
        status: 400,
        body: {
          error: {
            message: `400: {'error': '/chat/completions: Invalid model name passed in model=${model}. Call \`/v1/models\` to view available models for your key.'}`,
            type: 'None',
            param: 'None',
            code: '400',
          },
        },
      };
    case 'llamacpp':
      // llama.cpp serves whatever model it loaded and echoes the requested name; never reached.
      return { status: 404, body: errorBody('llamacpp', 404, `model '${model}' not found`) };
    case 'vllm':
      return vllmUnknownModel(model);
    case 'lmstudio':
      return lmstudioUnknownModel(model);
  }
}

export function unknownPath(flavor: Flavor, method: string, path: string): HttpReply {
  switch (flavor) {
    case 'ollama':
      return { status: 404, body: null, text: '404 page not found' };
    case 'openai':
      return {
        status: 404,
        body: {
          error: {
            message: `Invalid URL (${method} ${path})`,
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        },
      };
    case 'litellm':
    case 'vllm':
      return { status: 404, body: { detail: 'Not Found' } };
    case 'lmstudio':
      return { status: 404, body: { error: `Unexpected endpoint or method. (${method} ${path})` } };
    case 'llamacpp':
      return {
        status: 404,
        body: { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } },
      };
  }
}

export function badJson(flavor: Flavor, raw: string): HttpReply {
  const first = raw.trimStart()[0];
  switch (flavor) {
    case 'ollama':
      return {
        status: 400,
        body: errorBody(
          'ollama',
          400,
          first === undefined ? 'EOF' : `invalid character '${first}' looking for beginning of value`,
        ),
      };
    case 'openai':
      return {
        status: 400,
        body: errorBody(
          'openai',
          400,
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
        ),
      };
    case 'litellm':
      return { status: 400, body: errorBody('litellm', 400, 'Invalid JSON payload received.') };
    case 'vllm':
      return { status: 400, body: vllmError(400, 'JSON decode error') };
    case 'lmstudio':
      return { status: 400, body: lmstudioError(400, "'messages' field is required") };
    case 'llamacpp':
      return {
        status: 500,
        body: errorBody(
          'llamacpp',
          500,
          '[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while parsing value - invalid literal',
        ),
      };
  }
}

/** A request body that parsed but is not a chat request (no `messages` array). */
export function badRequest(flavor: Flavor, message: string): HttpReply {
  const status = flavor === 'llamacpp' ? 500 : 400;
  return { status, body: errorBody(flavor, status, message) };
}

const OWNED_BY: Record<Flavor, string> = {
  ollama: 'library',
  openai: 'openai',
  litellm: 'openai',
  llamacpp: 'llamacpp',
  vllm: 'vllm',
  lmstudio: 'organization_owner',
};

/** A fixed creation time, so listings are deterministic. */
export const MODEL_CREATED = 1_735_689_600;

/** `GET /v1/models`, with the fields some servers add to each entry (vLLM's `max_model_len`, llama.cpp's `meta`). */
export function modelList(flavor: Flavor, models: string[], meta: ContextMetadata = {}): unknown {
  const extra = (id: string) =>
    flavor === 'vllm' ? vllmModelFields(id, meta) : flavor === 'llamacpp' ? llamacppModelFields(meta) : {};
  return {
    object: 'list',
    data: models.map((id) => ({
      id,
      object: 'model',
      created: MODEL_CREATED,
      owned_by: OWNED_BY[flavor],
      ...extra(id),
    })),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `GET /api/tags`: family, parameter size and size derived from the name ("qwen2.5:0.5b" -> qwen, 0.5B). */
export function ollamaTags(models: string[]): unknown {
  return {
    models: models.map((name) => {
      const [base = name, tag = 'latest'] = name.split(':');
      const billions = Number(/(\d+(?:\.\d+)?)b/i.exec(tag)?.[1] ?? 8);
      const family = /^[a-z]+/i.exec(base)?.[0] ?? base;
      return {
        name: name.includes(':') ? name : `${name}:latest`,
        model: name.includes(':') ? name : `${name}:latest`,
        modified_at: new Date(MODEL_CREATED * 1000).toISOString(),
        size: Math.round(billions * 0.65e9),
        digest: sha256(name),
        details: {
          parent_model: '',
          format: 'gguf',
          family,
          families: [family],
          parameter_size: `${billions}B`,
          quantization_level: 'Q4_K_M',
        },
      };
    }),
  };
}
