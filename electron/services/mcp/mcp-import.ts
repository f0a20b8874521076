import { userError } from '../../../shared/domain/errors';
import { mcpServerInputSchema, type McpImportReport, type McpServerInput } from '../../../shared/domain/mcp';
import { AppError } from '../app-error';

type Entry = Record<string, unknown>;

const isObject = (value: unknown): value is Entry =>
  !!value && typeof value === 'object' && !Array.isArray(value);

function invalid(message: string, fix: string): AppError {
  return new AppError(userError('invalid-input', message, fix, { fields: { json: message } }));
}

/** The servers map of a pasted document: `mcpServers` (Claude Desktop, Cursor…), `servers` (VS Code), or a bare map. */
function serversMap(json: string): Entry {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (error) {
    throw invalid(
      `The configuration is not valid JSON (${error instanceof Error ? error.message : 'parse error'}).`,
      'Paste the whole file, from its first { to its last }.',
    );
  }
  if (!isObject(doc))
    throw invalid('The configuration is not a JSON object.', 'Paste an object like {"mcpServers": {…}}.');
  const map = isObject(doc.mcpServers) ? doc.mcpServers : isObject(doc.servers) ? doc.servers : doc;
  const entries = Object.values(map);
  if (entries.length === 0 || !entries.every(isObject))
    throw invalid(
      'No servers were found in the configuration.',
      'Paste a document with an "mcpServers" object whose entries have a "command" or a "url".',
    );
  return map;
}

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');
const stringMap = (value: unknown): value is Record<string, string> =>
  isObject(value) && Object.values(value).every((v) => typeof v === 'string');

/** One entry as a save input, or why it was left out. */
function entryInput(name: string, entry: Entry): McpServerInput | string {
  const enabled = entry.disabled !== true && entry.enabled !== false;
  let transport: unknown;
  if (typeof entry.command === 'string') {
    if (entry.args !== undefined && !strings(entry.args)) return '"args" is not a list of strings.';
    if (entry.env !== undefined && !stringMap(entry.env)) return '"env" values must be strings.';
    transport = {
      kind: 'stdio',
      command: entry.command,
      args: entry.args ?? [],
      ...(entry.env ? { env: entry.env } : {}),
      ...(typeof entry.cwd === 'string' ? { cwd: entry.cwd } : {}),
    };
  } else if (typeof entry.url === 'string' || typeof entry.serverUrl === 'string') {
    const type =
      typeof entry.type === 'string'
        ? entry.type.toLowerCase()
        : typeof entry.transport === 'string'
          ? entry.transport.toLowerCase()
          : '';
    if (type && !['sse', 'http', 'streamable-http', 'streamablehttp', 'streamable_http'].includes(type))
      return `The transport type "${String(entry.type ?? entry.transport)}" is not supported (use http or sse).`;
    if (entry.headers !== undefined && !stringMap(entry.headers)) return '"headers" values must be strings.';
    transport = {
      kind: type === 'sse' ? 'sse' : 'http',
      url: entry.url ?? entry.serverUrl,
      ...(entry.headers ? { headers: entry.headers } : {}),
    };
  } else return 'It has neither a "command" nor a "url".';
  const timeout =
    typeof entry.timeout === 'number'
      ? Math.round(entry.timeout / (entry.timeout > 3_600 ? 1000 : 1))
      : undefined;
  const parsed = mcpServerInputSchema.safeParse({
    name,
    enabled,
    transport,
    ...(timeout !== undefined && timeout >= 1 && timeout <= 3_600 ? { timeoutSeconds: timeout } : {}),
  });
  if (!parsed.success) return parsed.error.issues.map((i) => i.message).join(' ');
  return parsed.data;
}

/** Validates every entry; names already taken (ignoring case) are skipped, never overwritten. */
export function planImport(
  json: string,
  takenNames: string[],
): { inputs: McpServerInput[]; report: McpImportReport } {
  const map = serversMap(json);
  const taken = new Set(takenNames.map((n) => n.toLowerCase()));
  const inputs: McpServerInput[] = [];
  const report: McpImportReport = { added: [], skipped: [] };
  for (const [rawName, entry] of Object.entries(map)) {
    const name = rawName.trim();
    if (!isObject(entry)) {
      report.skipped.push({ name, reason: 'It is not an object.' });
      continue;
    }
    if (taken.has(name.toLowerCase())) {
      report.skipped.push({ name, reason: 'A server with this name already exists.' });
      continue;
    }
    const input = entryInput(name, entry);
    if (typeof input === 'string') {
      report.skipped.push({ name, reason: input });
      continue;
    }
    taken.add(name.toLowerCase());
    inputs.push(input);
    report.added.push(input.name);
  }
  return { inputs, report };
}
