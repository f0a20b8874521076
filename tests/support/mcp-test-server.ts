/**
 * A small stdio MCP server for the tests, run as `node --import tsx tests/support/mcp-test-server.ts`.
 * Its tools misbehave on purpose: `hang` never answers, `crash` exits the process; `env` reports
 * a variable of its environment; `peek` is read-only. Writes a line to stderr at start.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'desk-test-server', version: '0.0.1' });

server.registerTool(
  'echo',
  { description: 'Echoes the text back.', inputSchema: { text: z.string() } },
  ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }),
);
server.registerTool(
  'peek',
  { description: 'Reads nothing, changes nothing.', annotations: { readOnlyHint: true } },
  () => ({ content: [{ type: 'text', text: 'peeked' }] }),
);
server.registerTool(
  'env',
  { description: 'Returns one environment variable.', inputSchema: { name: z.string() } },
  ({ name }) => ({ content: [{ type: 'text', text: process.env[name] ?? '(unset)' }] }),
);
server.registerTool('pid', { description: 'Its process id.', annotations: { readOnlyHint: true } }, () => ({
  content: [{ type: 'text', text: String(process.pid) }],
}));
server.registerTool('hang', { description: 'Never answers.' }, () => new Promise<never>(() => {}));
server.registerTool('crash', { description: 'Exits the process.' }, () => {
  console.error('crashing on purpose');
  process.exit(3);
});
server.registerTool('fail', { description: 'Answers with an error result.' }, () => ({
  isError: true,
  content: [{ type: 'text', text: 'it went wrong' }],
}));

console.error('desk test server starting');
await server.connect(new StdioServerTransport());
