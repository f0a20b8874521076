import { describe, expect, it } from 'vitest';
import type { McpServerView } from '../../shared/domain/mcp';
import { emptyForm, formFromServer, inputFromForm, newRow } from '../../renderer/src/state/mcp/mcp-form';

/** The Settings form ↔ `mcp.save` input: saved secrets are kept by sending null, never shown. */
const view: McpServerView = {
  id: 'mcp-1',
  name: 'files',
  enabled: true,
  transport: { kind: 'stdio', command: 'npx', args: ['-y', 'pkg name with spaces'], envNames: ['TOKEN'] },
  timeoutSeconds: 30,
  status: { state: 'ready', stderrTail: [], restarts: 0 },
  tools: [],
};

describe('the MCP server form', () => {
  it('edits a saved server: args one per line, saved env kept as null unless retyped', () => {
    const form = formFromServer(view);
    expect(form.args).toBe('-y\npkg name with spaces');
    expect(form.env).toMatchObject([{ name: 'TOKEN', value: '', saved: true }]);
    expect(inputFromForm(form)).toEqual({
      id: 'mcp-1',
      name: 'files',
      enabled: true,
      timeoutSeconds: 30,
      transport: {
        kind: 'stdio',
        command: 'npx',
        args: ['-y', 'pkg name with spaces'],
        env: { TOKEN: null },
      },
    });
    const retyped = {
      ...form,
      env: [
        { ...form.env[0]!, value: 'new' },
        { ...newRow('EXTRA'), value: 'x' },
      ],
    };
    expect(inputFromForm(retyped).transport).toMatchObject({ env: { TOKEN: 'new', EXTRA: 'x' } });
  });

  it('a new HTTP server: blank lines, blank rows and a blank timeout are left out', () => {
    const form = {
      ...emptyForm(),
      name: 'remote',
      kind: 'http' as const,
      url: 'https://example.com/mcp',
      headers: [{ ...newRow('Authorization'), value: 'Bearer x' }, newRow()],
      args: '\n\n',
    };
    expect(inputFromForm(form)).toEqual({
      name: 'remote',
      enabled: true,
      transport: { kind: 'http', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer x' } },
    });
  });
});
