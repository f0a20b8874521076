import { afterEach, describe, expect, it } from 'vitest';
import {
  parseMarkedEnvironment,
  readLoginShellEnvironment,
} from '../../electron/services/mcp/login-shell-env';
import { describeStartFailure } from '../../electron/services/mcp/mcp-failure';
import { freePort } from '../support/free-port';
import { newManager, waitForState } from '../support/mcp-fixtures';
import { startEverythingHttp } from '../support/mcp-http-server';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});
const manager = () => {
  const made = newManager();
  cleanup.push(() => made.close());
  return made.manager;
};
const run = () => ({ conversationId: 'c1', signal: new AbortController().signal, timeoutMs: 10_000 });

describe('MCP servers over HTTP', { timeout: 90_000 }, () => {
  it('connects to server-everything over Streamable HTTP, with header values kept secret', async () => {
    const server = await startEverythingHttp('streamableHttp');
    cleanup.push(server.stop);
    const mcp = manager();
    const saved = await mcp.save({
      name: 'remote',
      enabled: true,
      transport: { kind: 'http', url: server.url, headers: { Authorization: 'Bearer top-secret-value' } },
    });
    expect(saved.transport).toEqual({ kind: 'http', url: server.url, headerNames: ['Authorization'] });
    const ready = await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    expect(ready.tools.map((t) => t.name)).toContain('echo');
    expect(JSON.stringify(mcp.list())).not.toContain('top-secret-value');
    const outcome = await mcp.providers()[0]!.call('echo', { message: 'over http' }, run());
    expect(outcome.content).toContain('over http');
  });

  it('connects to a legacy SSE server', async () => {
    const server = await startEverythingHttp('sse');
    cleanup.push(server.stop);
    const mcp = manager();
    const saved = await mcp.save({ name: 'old', enabled: true, transport: { kind: 'sse', url: server.url } });
    const ready = await waitForState(mcp, saved.id, (s) => s.state === 'ready');
    expect(ready.tools.map((t) => t.name)).toContain('echo');
  });

  it('a URL where nothing listens fails saying so', async () => {
    const mcp = manager();
    const url = `http://127.0.0.1:${await freePort()}/mcp`;
    const saved = await mcp.save({ name: 'nobody', enabled: true, transport: { kind: 'http', url } });
    const failed = await waitForState(mcp, saved.id, (s) => s.state === 'failed');
    expect(failed.status.message).toMatch(/Nothing answered at http:\/\/127\.0\.0\.1:\d+\/mcp/);
  });
});

describe('importing an mcpServers document', { timeout: 90_000 }, () => {
  it('adds the valid entries in one go and reports the others with reasons', async () => {
    const mcp = manager();
    await mcp.save({ name: 'Taken', enabled: false, transport: { kind: 'stdio', command: 'x', args: [] } });
    const report = await mcp.import(
      JSON.stringify({
        mcpServers: {
          filesystem: {
            command: 'npx',
            args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
            env: { TOKEN: 'abc-secret' },
            disabled: true,
          },
          remote: { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer x' } },
          legacy: { type: 'sse', url: 'http://127.0.0.1:1/sse', disabled: true },
          taken: { command: 'npx', args: [] },
          broken: { args: ['nothing to run'] },
          badArgs: { command: 'npx', args: 'not-a-list' },
          badUrl: { url: 'ftp://example.com' },
        },
      }),
    );
    expect(report.added).toEqual(['filesystem', 'remote', 'legacy']);
    expect(report.skipped).toEqual([
      { name: 'taken', reason: 'A server with this name already exists.' },
      { name: 'broken', reason: 'It has neither a "command" nor a "url".' },
      { name: 'badArgs', reason: '"args" is not a list of strings.' },
      { name: 'badUrl', reason: 'The URL starts with http:// or https://.' },
    ]);
    const list = mcp.list();
    expect(list.map((s) => s.name)).toEqual(['Taken', 'filesystem', 'remote', 'legacy']);
    expect(list[1]).toMatchObject({
      enabled: false,
      transport: { kind: 'stdio', command: 'npx', envNames: ['TOKEN'] },
      status: { state: 'stopped' },
    });
    expect(list[3]?.transport).toMatchObject({ kind: 'sse' });
    expect(JSON.stringify(list)).not.toContain('abc-secret');
    // The remote one was enabled: stop it so the test does not wait on example.com.
    await mcp.save({
      id: list[2]!.id,
      name: 'remote',
      enabled: false,
      transport: { kind: 'http', url: 'https://example.com/mcp', headers: { Authorization: null } },
    });
  });

  it('accepts a bare map of servers; refuses what is not JSON and saves nothing', async () => {
    const mcp = manager();
    await expect(mcp.import('{"mcpServers": {')).rejects.toMatchObject({
      userError: { code: 'invalid-input', message: expect.stringMatching(/not valid JSON/) },
    });
    await expect(mcp.import('[]')).rejects.toMatchObject({ userError: { code: 'invalid-input' } });
    expect(mcp.list()).toEqual([]);
    const report = await mcp.import(JSON.stringify({ one: { command: 'uvx', args: ['x'], disabled: true } }));
    expect(report).toEqual({ added: ['one'], skipped: [] });
  });
});

describe('start failures in the user’s terms', { timeout: 90_000 }, () => {
  it('names what to install for a launcher that is not found', () => {
    const enoent = Object.assign(new Error('spawn npx ENOENT'), { code: 'ENOENT' });
    expect(describeStartFailure(enoent, { kind: 'stdio', command: 'npx' })).toBe(
      'npx was not found on the PATH of your login shell. Install Node.js (it brings npx), or give the full path to the command.',
    );
    expect(describeStartFailure(enoent, { kind: 'stdio', command: 'uvx' })).toMatch(
      /Install uv \(it brings uvx\)/,
    );
    expect(describeStartFailure(enoent, { kind: 'stdio', command: 'C:\\tools\\docker.exe' })).toMatch(
      /Install Docker/,
    );
    expect(
      describeStartFailure(new Error('HTTP 401 Unauthorized'), { kind: 'http', url: 'https://x/mcp' }),
    ).toMatch(/refused the request .* Check its headers/);
  });
});

describe('the login shell environment', { timeout: 90_000 }, () => {
  it('reads env between the markers, ignoring whatever rc files print', () => {
    const out =
      'Welcome!\nnvm: using 20\n__LLM_DESK_ENV_START__PATH=/opt/bin:/usr/bin\0MULTI=a\nb\0ELECTRON_RUN_AS_NODE=1\0__LLM_DESK_ENV_END__bye';
    expect(parseMarkedEnvironment(out)).toEqual({
      PATH: '/opt/bin:/usr/bin',
      MULTI: 'a\nb',
      ELECTRON_RUN_AS_NODE: '1',
    });
    expect(parseMarkedEnvironment('no markers here')).toBeUndefined();
  });

  it('asks the shell, strips ELECTRON_RUN_AS_NODE, and falls back to the app environment', async () => {
    const env = await readLoginShellEnvironment({
      platform: 'linux',
      shell: '/bin/sh',
      processEnv: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ELECTRON_RUN_AS_NODE: '1',
        MARK: 'from-app',
      },
    });
    expect(env.PATH).toBeTruthy();
    expect(env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    const fallback = await readLoginShellEnvironment({
      platform: 'linux',
      shell: '/no/such/shell',
      processEnv: { PATH: '/x', ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(fallback).toEqual({ PATH: '/x' });
    expect(await readLoginShellEnvironment({ platform: 'win32', processEnv: { Path: 'C:\\x' } })).toEqual({
      Path: 'C:\\x',
    });
  });
});
