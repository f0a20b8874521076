import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { StoredTransport } from './mcp-config-schema';
import { withoutElectronVariables } from './login-shell-env';

export const STDERR_TAIL_LINES = 20;
const STDERR_LINE_MAX = 500;

/**
 * Builds one connection attempt's transport. Stdio servers get the login-shell environment with
 * the server's own variables over it (never Electron-as-Node), their stderr piped into a short tail
 * for the status. `http` is Streamable HTTP; the runner falls back to legacy SSE if that fails.
 */
export function stdioTransport(
  transport: Extract<StoredTransport, { kind: 'stdio' }>,
  baseEnv: Record<string, string>,
  secretEnv: Record<string, string>,
  onStderrLine: (line: string) => void,
): StdioClientTransport {
  const stdio = new StdioClientTransport({
    command: transport.command,
    args: transport.args,
    env: withoutElectronVariables({ ...baseEnv, ...secretEnv }),
    stderr: 'pipe',
    ...(transport.cwd ? { cwd: transport.cwd } : {}),
  });
  let pending = '';
  stdio.stderr?.on('data', (chunk: Buffer | string) => {
    pending += chunk.toString();
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    // A server that floods stderr only ever keeps its last partial line in memory.
    if (pending.length > STDERR_LINE_MAX * 4) pending = pending.slice(-STDERR_LINE_MAX);
    for (const line of lines)
      if (line.trim())
        onStderrLine(line.length > STDERR_LINE_MAX ? `${line.slice(0, STDERR_LINE_MAX)}…` : line);
  });
  return stdio;
}

export function httpTransport(kind: 'http' | 'sse', url: string, headers: Record<string, string>): Transport {
  const requestInit: RequestInit = { headers };
  return kind === 'http'
    ? new StreamableHTTPClientTransport(new URL(url), { requestInit })
    : new SSEClientTransport(new URL(url), { requestInit });
}

/** Keeps the last `STDERR_TAIL_LINES` lines. */
export function pushTail(tail: string[], line: string): string[] {
  const next = [...tail, line];
  return next.length > STDERR_TAIL_LINES ? next.slice(-STDERR_TAIL_LINES) : next;
}
