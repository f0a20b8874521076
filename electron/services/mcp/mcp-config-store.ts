import { userError } from '../../../shared/domain/errors';
import type { McpServerInput } from '../../../shared/domain/mcp';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { AppError } from '../app-error';
import { JsonDocFile } from '../presets/json-doc-file';
import type { SecretBox } from '../secrets/secret-box';
import type { OpenStore } from '../store/kv-store';
import { parseStoredServers, type StoredServer, type StoredTransport } from './mcp-config-schema';

export const MCP_FILE = 'mcp-servers';

export interface McpConfigStoreOptions {
  dir: string;
  openStore: OpenStore;
  secrets: SecretBox;
  onProblem?: (problem: StoreProblem) => void;
  newId?: () => string;
}

export const serverNotFound = (): AppError =>
  new AppError(
    userError(
      'not-found',
      'That MCP server is no longer in the list.',
      'Pick another server or add it again.',
    ),
  );

/**
 * The saved MCP servers. Writes are whole-file and atomic (the shared JSON document helper); a
 * damaged file is set aside and reported. Secrets are encrypted before they are kept, and an
 * input's `null` value keeps the saved ciphertext, so editing never needs the plain value.
 */
export class McpConfigStore {
  readonly #file: JsonDocFile<StoredServer[]>;
  readonly #newId: () => string;

  constructor(private readonly options: McpConfigStoreOptions) {
    this.#newId = options.newId ?? (() => crypto.randomUUID());
    this.#file = new JsonDocFile({
      dir: options.dir,
      name: MCP_FILE,
      openStore: options.openStore,
      parse: parseStoredServers,
      empty: () => [],
      label: 'mcp',
      recovery: 'the readable servers were kept; add the others again',
      ...(options.onProblem ? { onProblem: options.onProblem } : {}),
    });
  }

  list(): StoredServer[] {
    return structuredClone(this.#file.value());
  }

  get(id: string): StoredServer {
    const found = this.#file.value().find((s) => s.id === id);
    if (!found) throw serverNotFound();
    return structuredClone(found);
  }

  problems(): StoreProblem[] {
    return this.#file.problems();
  }

  /** Checks names and encrypts secrets of every input first; writes once, all or nothing. */
  async saveMany(inputs: McpServerInput[]): Promise<StoredServer[]> {
    const current = this.list();
    const made: StoredServer[] = [];
    const next = [...current];
    for (const input of inputs) {
      const previous = input.id === undefined ? undefined : next.find((s) => s.id === input.id);
      if (input.id !== undefined && !previous) throw serverNotFound();
      const clash = next.find((s) => s.id !== input.id && s.name.toLowerCase() === input.name.toLowerCase());
      if (clash) throw nameTaken(input.name);
      const server: StoredServer = {
        id: previous?.id ?? `mcp-${this.#newId()}`,
        name: input.name,
        enabled: input.enabled,
        transport: await this.#transport(input, previous?.transport),
        ...(input.timeoutSeconds !== undefined ? { timeoutSeconds: input.timeoutSeconds } : {}),
        tools: previous?.tools ?? {},
      };
      const at = next.findIndex((s) => s.id === server.id);
      if (at >= 0) next[at] = server;
      else next.push(server);
      made.push(server);
    }
    this.#file.save(next);
    return structuredClone(made);
  }

  delete(id: string): void {
    const current = this.list();
    if (!current.some((s) => s.id === id)) throw serverNotFound();
    this.#file.save(current.filter((s) => s.id !== id));
  }

  /** Changes one tool's switches (kept even while the server is down). */
  setTool(id: string, tool: string, prefs: { enabled?: boolean; alwaysAllowed?: boolean }): StoredServer {
    const current = this.list();
    const server = current.find((s) => s.id === id);
    if (!server) throw serverNotFound();
    const merged = { ...server.tools[tool] };
    if (prefs.enabled !== undefined) merged.enabled = prefs.enabled;
    if (prefs.alwaysAllowed !== undefined) merged.alwaysAllowed = prefs.alwaysAllowed;
    server.tools = { ...server.tools, [tool]: merged };
    this.#file.save(current);
    return structuredClone(server);
  }

  /** The plain values of a server's env or headers, for starting it; never leaves main. */
  async secretValues(server: StoredServer): Promise<Record<string, string>> {
    const ciphers = server.transport.kind === 'stdio' ? server.transport.env : server.transport.headers;
    const plain: Record<string, string> = {};
    for (const [name, cipher] of Object.entries(ciphers))
      plain[name] = await this.options.secrets.decrypt(cipher);
    return plain;
  }

  async #transport(input: McpServerInput, previous: StoredTransport | undefined): Promise<StoredTransport> {
    const t = input.transport;
    // Kept values only carry over within the same kind (env stays env, headers stay headers).
    const sameKind = previous !== undefined && (previous.kind === 'stdio') === (t.kind === 'stdio');
    const saved = !sameKind ? {} : previous.kind === 'stdio' ? previous.env : previous.headers;
    const values = t.kind === 'stdio' ? t.env : t.headers;
    const ciphers: Record<string, string> = {};
    for (const [name, value] of Object.entries(values ?? {})) {
      if (value !== null) ciphers[name] = await this.options.secrets.encrypt(value);
      else if (saved[name] !== undefined) ciphers[name] = saved[name];
      else throw missingSecret(name);
    }
    if (t.kind === 'stdio')
      return {
        kind: 'stdio',
        command: t.command,
        args: t.args,
        env: ciphers,
        ...(t.cwd?.trim() ? { cwd: t.cwd.trim() } : {}),
      };
    return { kind: t.kind, url: t.url, headers: ciphers };
  }
}

function nameTaken(name: string): AppError {
  const reason = `An MCP server named "${name}" already exists.`;
  return new AppError(
    userError('invalid-input', reason, 'Pick another name.', {
      fields: { name: `${reason} Pick another name.` },
    }),
  );
}

function missingSecret(name: string): AppError {
  const reason = `"${name}" has no saved value to keep.`;
  return new AppError(
    userError('invalid-input', reason, `Type a value for ${name}.`, { fields: { [name]: reason } }),
  );
}
