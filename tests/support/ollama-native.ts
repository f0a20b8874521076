import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Ollama's model management as the test server's Ollama flavour answers it:
 *
 * - `POST /api/pull {model, stream}` streams JSON lines — "pulling manifest", one "pulling <digest>"
 *   line per step of each layer with `total`/`completed`, "verifying sha256 digest", "writing
 *   manifest", "success" — at `bytesPerSecond`; a model not in `pullable` gets Ollama's
 *   `{"error":"pull model manifest: file does not exist"}` line; `failNextPull({dropAfterBytes})`
 *   cuts the connection mid-download; a client that closes the connection cancels the pull
 *   (recorded in `pulls`).
 * - `DELETE /api/delete {model}`, and `GET /api/ps` once `setLoaded` is called (until then the
 *   server's own `/api/ps` answers), with `keep_alive: 0` on `/api/generate` or `/api/chat` unloading.
 */

export interface OllamaNativeModels {
  get(): string[];
  set(models: string[]): void;
}

export interface PullRecord {
  model: string;
  state: 'running' | 'done' | 'failed' | 'cancelled' | 'dropped';
  /** Bytes reported as completed when it ended. */
  completedBytes: number;
}

/** Names ollama.com has, as far as tests go. */
export const DEFAULT_PULLABLE = [
  'llama3.2',
  'llama3.2:1b',
  'llama3.2:3b',
  'qwen3:0.6b',
  'qwen3:8b',
  'gemma3:1b',
];
/** A model's layers: the weights, the template, the params (sizes in bytes). */
export const DEFAULT_LAYERS = [4_000_000, 1_500, 100];

const TICK_MS = 50;

export class OllamaNative {
  readonly pulls: PullRecord[] = [];
  #pullable = new Set(DEFAULT_PULLABLE);
  #layers = [...DEFAULT_LAYERS];
  /** 0: as fast as possible (each layer in four steps). */
  #bytesPerSecond = 0;
  #dropNext: number | undefined;
  #loaded: string[] | undefined;

  constructor(private readonly models: OllamaNativeModels) {}

  setPullable(models: string[]): void {
    this.#pullable = new Set(models);
  }
  setLayers(sizes: number[]): void {
    this.#layers = [...sizes];
  }
  setPullSpeed(bytesPerSecond: number): void {
    this.#bytesPerSecond = Math.max(0, bytesPerSecond);
  }
  /** The next pull's connection is destroyed once this many bytes were reported. */
  failNextPull(fault: { dropAfterBytes: number }): void {
    this.#dropNext = fault.dropAfterBytes;
  }
  /** The models `/api/ps` lists from now on (undefined: the server's default answer again). */
  setLoaded(models: string[] | undefined): void {
    this.#loaded = models ? [...models] : undefined;
  }
  get loaded(): string[] | undefined {
    return this.#loaded ? [...this.#loaded] : undefined;
  }

  /** Answers the request when it is one of these endpoints; false to let the server route it. */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    body: unknown,
  ): Promise<boolean> {
    const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const model = typeof fields.model === 'string' ? fields.model : String(fields.name ?? '');
    if (method === 'POST' && path === '/api/pull') {
      await this.#pull(req, res, model, fields.stream !== false);
      return true;
    }
    if (method === 'DELETE' && path === '/api/delete') {
      const name = this.#installed(model);
      if (name === undefined) send(res, 404, { error: `model '${model}' not found` });
      else {
        this.models.set(this.models.get().filter((m) => m !== name));
        this.#loaded = this.#loaded?.filter((m) => !sameModel(m, model));
        res.writeHead(200).end();
      }
      return true;
    }
    if (method === 'GET' && path === '/api/ps' && this.#loaded) {
      send(res, 200, { models: this.#loaded.map(psEntry) });
      return true;
    }
    const unload = fields.keep_alive === 0 || fields.keep_alive === '0';
    if (method === 'POST' && (path === '/api/generate' || path === '/api/chat') && unload) {
      if (this.#installed(model) === undefined) {
        send(res, 404, { error: `model '${model}' not found, try pulling it first` });
        return true;
      }
      this.#loaded = (this.#loaded ?? []).filter((m) => !sameModel(m, model));
      const done = { model, created_at: new Date().toISOString(), done: true, done_reason: 'unload' };
      send(
        res,
        200,
        path === '/api/chat'
          ? { ...done, message: { role: 'assistant', content: '' } }
          : { ...done, response: '' },
      );
      return true;
    }
    return false;
  }

  #installed(model: string): string | undefined {
    return this.models.get().find((m) => sameModel(m, model));
  }

  async #pull(req: IncomingMessage, res: ServerResponse, model: string, stream: boolean): Promise<void> {
    const record: PullRecord = { model, state: 'running', completedBytes: 0 };
    this.pulls.push(record);
    const dropAfter = this.#dropNext;
    this.#dropNext = undefined;
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) gone = true;
    });
    const line = (data: unknown) => {
      if (!gone && stream) res.write(`${JSON.stringify(data)}\n`);
    };
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.flushHeaders();
    line({ status: 'pulling manifest' });
    await pause(TICK_MS / 5);
    if (!this.#pullable.has(model) && !this.#pullable.has(model.replace(/:latest$/, ''))) {
      record.state = 'failed';
      const error = { error: 'pull model manifest: file does not exist' };
      res.end(`${JSON.stringify(error)}\n`);
      return;
    }
    for (const [index, total] of this.#layers.entries()) {
      const digest = `sha256:${createHash('sha256').update(`${model}#${index}`).digest('hex')}`;
      const step =
        this.#bytesPerSecond > 0
          ? Math.max(1, Math.round((this.#bytesPerSecond * TICK_MS) / 1000))
          : Math.ceil(total / 4);
      for (let completed = 0; ;) {
        completed = Math.min(total, completed + step);
        record.completedBytes = this.#doneBefore(index) + completed;
        line({ status: `pulling ${digest.slice(7, 19)}`, digest, total, completed });
        if (dropAfter !== undefined && record.completedBytes >= dropAfter) {
          record.state = 'dropped';
          // What was written arrives first; then the connection breaks without an end.
          await pause(TICK_MS);
          res.destroy();
          return;
        }
        if (completed >= total) break;
        if (this.#bytesPerSecond > 0) await pause(TICK_MS);
        if (gone) {
          record.state = 'cancelled';
          return;
        }
      }
    }
    if (gone) {
      record.state = 'cancelled';
      return;
    }
    line({ status: 'verifying sha256 digest' });
    line({ status: 'writing manifest' });
    const name = model.includes(':') ? model : `${model}:latest`;
    if (!this.models.get().some((m) => sameModel(m, name))) this.models.set([...this.models.get(), name]);
    record.state = 'done';
    res.end(`${JSON.stringify({ status: 'success' })}\n`);
  }

  #doneBefore(index: number): number {
    return this.#layers.slice(0, index).reduce((sum, size) => sum + size, 0);
  }
}

/** "phi3" is "phi3:latest". */
const sameModel = (a: string, b: string) => a.replace(/:latest$/, '') === b.replace(/:latest$/, '');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

function psEntry(name: string) {
  return {
    name,
    model: name,
    size: 2_000_000_000,
    digest: createHash('sha256').update(name).digest('hex'),
    details: { format: 'gguf', family: 'llama', quantization_level: 'Q4_K_M' },
    expires_at: '2099-01-01T00:00:00Z',
    size_vram: 1_500_000_000,
    context_length: 4_096,
  };
}
