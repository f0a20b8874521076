/**
 * What the user reads when a server does not start or a call fails: the cause in their terms and
 * the fix, instead of `spawn npx ENOENT` or a stack trace.
 */
export function describeStartFailure(
  error: unknown,
  transport: { kind: string; command?: string; url?: string },
): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (transport.kind === 'stdio') {
    const command = transport.command ?? 'The command';
    if (code === 'ENOENT' || /\bENOENT\b/.test(message))
      return `${command} was not found on the PATH of your login shell. ${installHint(command)}, or give the full path to the command.`;
    if (code === 'EACCES' || /\bEACCES\b/.test(message))
      return `${command} could not be run (permission denied). Make it executable or give the right command.`;
    if (/connection closed/i.test(message))
      return `The server exited before it answered. Check its command and arguments; its last output is below.`;
  } else {
    if (/ECONNREFUSED|fetch failed/i.test(message))
      return `Nothing answered at ${transport.url ?? 'that URL'}. Start the server, or check the address and port.`;
    if (/\b401\b|\b403\b|unauthori[sz]ed|forbidden/i.test(message))
      return `The server at ${transport.url ?? 'that URL'} refused the request (${firstLine(message)}). Check its headers, e.g. the Authorization key.`;
    if (/\b404\b/.test(message))
      return `No MCP endpoint at ${transport.url ?? 'that URL'} (404). Check the path, often /mcp or /sse.`;
  }
  if (/timed out|timeout/i.test(message))
    return 'The server did not finish starting in time. Check that it is an MCP server and that it starts on its own.';
  return `The server could not be started: ${firstLine(message)}`;
}

/** What provides the usual launchers of MCP servers. */
function installHint(command: string): string {
  const base = (command.split(/[\\/]/).pop() ?? command).replace(/\.(cmd|exe|bat)$/i, '').toLowerCase();
  if (['npx', 'node', 'npm', 'pnpm', 'yarn'].includes(base)) return 'Install Node.js (it brings npx)';
  if (['uvx', 'uv'].includes(base)) return 'Install uv (it brings uvx)';
  if (['python', 'python3', 'pip', 'pipx'].includes(base)) return 'Install Python';
  if (base === 'docker') return 'Install Docker and start it';
  if (base === 'bunx' || base === 'bun') return 'Install Bun';
  return `Install ${base}`;
}

export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line.trim();
}
