import type { McpServerInput, McpServerView } from '../../../../shared/domain/mcp';

/** One environment variable or header row; `saved` rows have a value the window never sees. */
export interface SecretRow {
  key: number;
  name: string;
  value: string;
  saved: boolean;
}

export interface McpForm {
  id?: string;
  name: string;
  enabled: boolean;
  kind: 'stdio' | 'http' | 'sse';
  command: string;
  /** One argument per line. */
  args: string;
  cwd: string;
  env: SecretRow[];
  url: string;
  headers: SecretRow[];
  /** Seconds per call, blank for the app-wide tool timeout. */
  timeout: string;
}

let nextKey = 1;
export const newRow = (name = '', saved = false): SecretRow => ({ key: nextKey++, name, value: '', saved });

export function emptyForm(): McpForm {
  return {
    name: '',
    enabled: true,
    kind: 'stdio',
    command: '',
    args: '',
    cwd: '',
    env: [],
    url: '',
    headers: [],
    timeout: '',
  };
}

export function formFromServer(server: McpServerView): McpForm {
  const t = server.transport;
  return {
    id: server.id,
    name: server.name,
    enabled: server.enabled,
    kind: t.kind,
    command: t.kind === 'stdio' ? t.command : '',
    args: t.kind === 'stdio' ? t.args.join('\n') : '',
    cwd: t.kind === 'stdio' ? (t.cwd ?? '') : '',
    env: t.kind === 'stdio' ? t.envNames.map((n) => newRow(n, true)) : [],
    url: t.kind === 'stdio' ? '' : t.url,
    headers: t.kind === 'stdio' ? [] : t.headerNames.map((n) => newRow(n, true)),
    timeout: server.timeoutSeconds !== undefined ? String(server.timeoutSeconds) : '',
  };
}

/** Saved rows left blank keep their value (`null`); empty new rows are dropped. */
function secretValues(rows: SecretRow[]): Record<string, string | null> | undefined {
  const values: Record<string, string | null> = {};
  for (const row of rows) {
    const name = row.name.trim();
    if (!name) continue;
    values[name] = row.saved && row.value === '' ? null : row.value;
  }
  return Object.keys(values).length > 0 ? values : undefined;
}

/** The form as `mcp.save` input; the route checks it and answers field errors. */
export function inputFromForm(form: McpForm): McpServerInput {
  const seconds = Number(form.timeout.trim());
  const timeout =
    form.timeout.trim() && Number.isFinite(seconds) ? { timeoutSeconds: Math.round(seconds) } : {};
  const env = secretValues(form.env);
  const headers = secretValues(form.headers);
  return {
    ...(form.id ? { id: form.id } : {}),
    name: form.name,
    enabled: form.enabled,
    ...timeout,
    transport:
      form.kind === 'stdio'
        ? {
            kind: 'stdio',
            command: form.command,
            args: form.args
              .split('\n')
              .map((a) => a.replace(/\r$/, ''))
              .filter((a) => a.trim().length > 0),
            ...(env ? { env } : {}),
            ...(form.cwd.trim() ? { cwd: form.cwd.trim() } : {}),
          }
        : { kind: form.kind, url: form.url, ...(headers ? { headers } : {}) },
  };
}
