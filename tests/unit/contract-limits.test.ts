import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY_MAX,
  COMPARE_PAIRS_MAX,
  COMPARE_PROMPT_MAX,
  COMPARE_PROMPTS_MAX,
  EXPORT_IDS_MAX,
  ID_MAX,
  MESSAGE_TEXT_MAX,
  MODEL_ID_MAX,
  SEARCH_QUERY_MAX,
  SHORT_NAME_MAX,
  SHORTCUT_MAX,
  SYSTEM_PROMPT_MAX,
  TITLE_MAX,
  URL_MAX,
} from '../../shared/contract/limits';
import { routeNames, routes, type RouteName } from '../../shared/contract/routes';
import { ATTACHMENT_NAME_MAX } from '../../shared/domain/attachment-limits';
import { MCP_IMPORT_MAX_CHARS } from '../../shared/domain/mcp';
import { normaliseBaseUrl } from '../../shared/domain/backend-url';
import { CONVERSATIONS_FORMAT, parseConversationsImport } from '../../shared/domain/conversation-export';
import { AppHarness } from '../support/app-harness';

/**
 * Every string (and list) a route takes has a maximum: one character over is refused with a clear
 * message at the field, a pasted 10 MB value too, and no error quotes more than a short prefix of it.
 */
const TEN_MB = 10 * 1024 * 1024;
/** The bad value is this letter repeated; an error that quotes more than 80 of them echoes it. */
const fill = (n: number) => 'h'.repeat(n);
const echoes = (text: string) => text.includes(fill(81));

interface Case {
  route: RouteName;
  /** The field as the error names it (`fields[field]`). */
  field: string;
  max: number;
  input: (value: string) => unknown;
}

const draft = { name: 'Local', kind: 'custom', baseUrl: 'http://127.0.0.1:9/v1' };
const pairs = [
  { profileId: 'p1', model: 'a' },
  { profileId: 'p2', model: 'b' },
];
const byId = (route: RouteName, key = 'id'): Case => ({
  route,
  field: key,
  max: ID_MAX,
  input: (v) => ({ [key]: v }),
});

const cases: Case[] = [
  byId('conversations.get'),
  byId('conversations.delete'),
  { route: 'conversations.rename', field: 'id', max: ID_MAX, input: (v) => ({ id: v, title: 't' }) },
  { route: 'conversations.rename', field: 'title', max: TITLE_MAX, input: (v) => ({ id: 'c', title: v }) },
  { route: 'conversations.pin', field: 'id', max: ID_MAX, input: (v) => ({ id: v, pinned: true }) },
  { route: 'backups.restore', field: 'id', max: ID_MAX, input: (v) => ({ id: v }) },
  { route: 'conversations.search', field: 'query', max: SEARCH_QUERY_MAX, input: (v) => ({ query: v }) },
  {
    route: 'conversations.export',
    field: 'ids.0',
    max: ID_MAX,
    input: (v) => ({ ids: [v], format: 'json' }),
  },
  {
    route: 'attachments.add',
    field: 'name',
    max: ATTACHMENT_NAME_MAX,
    input: (v) => ({ name: v, mimeType: 'text/plain', dataBase64: 'aGk=' }),
  },
  {
    route: 'attachments.add',
    field: 'mimeType',
    max: 100,
    input: (v) => ({ name: 'a.txt', mimeType: v, dataBase64: 'aGk=' }),
  },
  byId('trash.restore', 'trashId'),
  byId('trash.purge', 'trashId'),
  {
    route: 'chat.send',
    field: 'conversationId',
    max: ID_MAX,
    input: (v) => ({ conversationId: v, text: 'hi' }),
  },
  {
    route: 'chat.send',
    field: 'text',
    max: MESSAGE_TEXT_MAX,
    input: (v) => ({ conversationId: 'c', text: v }),
  },
  {
    route: 'chat.editAndResend',
    field: 'messageId',
    max: ID_MAX,
    input: (v) => ({ conversationId: 'c', messageId: v, text: 'hi' }),
  },
  {
    route: 'chat.editAndResend',
    field: 'text',
    max: MESSAGE_TEXT_MAX,
    input: (v) => ({ conversationId: 'c', messageId: 'm', text: v }),
  },
  byId('chat.retry', 'conversationId'),
  byId('chat.continue', 'conversationId'),
  {
    route: 'chat.showVersion',
    field: 'conversationId',
    max: ID_MAX,
    input: (v) => ({ conversationId: v, messageId: 'm', version: 0 }),
  },
  {
    route: 'chat.showVersion',
    field: 'messageId',
    max: ID_MAX,
    input: (v) => ({ conversationId: 'c', messageId: v, version: 0 }),
  },
  byId('chat.cancel', 'streamId'),
  {
    route: 'chat.context',
    field: 'draft',
    max: MESSAGE_TEXT_MAX,
    input: (v) => ({ conversationId: 'c', draft: v }),
  },
  {
    route: 'conversations.setSystemPrompt',
    field: 'prompt',
    max: SYSTEM_PROMPT_MAX,
    input: (v) => ({ conversationId: 'c', prompt: v }),
  },
  {
    route: 'conversations.setSystemPrompt',
    field: 'presetId',
    max: ID_MAX,
    input: (v) => ({ conversationId: 'c', prompt: 'p', presetId: v }),
  },
  { route: 'presets.save', field: 'name', max: SHORT_NAME_MAX, input: (v) => ({ name: v, prompt: 'p' }) },
  {
    route: 'presets.save',
    field: 'prompt',
    max: SYSTEM_PROMPT_MAX,
    input: (v) => ({ name: 'n', prompt: v }),
  },
  { route: 'presets.save', field: 'id', max: ID_MAX, input: (v) => ({ id: v, name: 'n', prompt: 'p' }) },
  byId('presets.delete'),
  { route: 'profiles.create', field: 'name', max: SHORT_NAME_MAX, input: (v) => ({ ...draft, name: v }) },
  { route: 'profiles.create', field: 'baseUrl', max: URL_MAX, input: (v) => ({ ...draft, baseUrl: v }) },
  { route: 'profiles.create', field: 'apiKey', max: API_KEY_MAX, input: (v) => ({ ...draft, apiKey: v }) },
  {
    route: 'profiles.create',
    field: 'defaultModel',
    max: MODEL_ID_MAX,
    input: (v) => ({ ...draft, defaultModel: v }),
  },
  { route: 'profiles.update', field: 'id', max: ID_MAX, input: (v) => ({ id: v, patch: {} }) },
  {
    route: 'profiles.update',
    field: 'baseUrl',
    max: URL_MAX,
    input: (v) => ({ id: 'p', patch: { baseUrl: v } }),
  },
  {
    route: 'profiles.update',
    field: 'apiKey',
    max: API_KEY_MAX,
    input: (v) => ({ id: 'p', patch: { apiKey: v } }),
  },
  byId('profiles.duplicate'),
  byId('profiles.usage'),
  {
    route: 'profiles.delete',
    field: 'replacementId',
    max: ID_MAX,
    input: (v) => ({ id: 'p', replacementId: v }),
  },
  byId('profiles.setDefault'),
  {
    route: 'profiles.test',
    field: 'draft.baseUrl',
    max: URL_MAX,
    input: (v) => ({ draft: { ...draft, baseUrl: v } }),
  },
  byId('models.list', 'profileId'),
  {
    route: 'models.capabilities',
    field: 'model',
    max: MODEL_ID_MAX,
    input: (v) => ({ profileId: 'p', model: v }),
  },
  {
    route: 'models.capabilities',
    field: 'profileId',
    max: ID_MAX,
    input: (v) => ({ profileId: v, model: 'm' }),
  },
  // Ollama model management: a profile id and a model name each.
  ...(['ollama.pull', 'ollama.usage', 'ollama.delete', 'ollama.unload'] as const).flatMap((route) => [
    { route, field: 'model', max: MODEL_ID_MAX, input: (v: string) => ({ profileId: 'p', model: v }) },
    { route, field: 'profileId', max: ID_MAX, input: (v: string) => ({ profileId: v, model: 'm' }) },
  ]),
  {
    route: 'ollama.delete',
    field: 'replacement',
    max: MODEL_ID_MAX,
    input: (v) => ({ profileId: 'p', model: 'm', replacement: v }),
  },
  byId('ollama.loaded', 'profileId'),
  byId('ollama.cancelPull', 'pullId'),
  {
    route: 'conversations.setBackend',
    field: 'model',
    max: MODEL_ID_MAX,
    input: (v) => ({ conversationId: 'c', profileId: 'p', model: v }),
  },
  {
    route: 'conversations.setReasoningEffort',
    field: 'conversationId',
    max: ID_MAX,
    input: (v) => ({ conversationId: v, reasoningEffort: 'low' }),
  },
  {
    route: 'conversations.setBackend',
    field: 'profileId',
    max: ID_MAX,
    input: (v) => ({ conversationId: 'c', profileId: v, model: null }),
  },
  {
    route: 'desktop.update',
    field: 'shortcut',
    max: SHORTCUT_MAX,
    input: (v) => ({ patch: { shortcut: v } }),
  },
  {
    route: 'window.showMain',
    field: 'prompt',
    max: COMPARE_PROMPT_MAX,
    input: (v) => ({ command: 'open-compare', prompt: v }),
  },
  {
    route: 'window.showMain',
    field: 'conversationId',
    max: ID_MAX,
    input: (v) => ({ command: 'open-chat', conversationId: v }),
  },
  {
    route: 'compare.savePromptSet',
    field: 'name',
    max: TITLE_MAX,
    input: (v) => ({ name: v, prompts: ['p'] }),
  },
  {
    route: 'compare.savePromptSet',
    field: 'prompts.0',
    max: COMPARE_PROMPT_MAX,
    input: (v) => ({ name: 'n', prompts: [v] }),
  },
  byId('compare.deletePromptSet'),
  {
    route: 'compare.savePromptSet',
    field: 'id',
    max: ID_MAX,
    input: (v) => ({ id: v, name: 'n', prompts: ['p'] }),
  },
  {
    route: 'compare.start',
    field: 'pairs.0.profileId',
    max: ID_MAX,
    input: (v) => ({ pairs: [{ profileId: v, model: 'a' }, pairs[1]], prompts: ['p'] }),
  },
  {
    route: 'compare.start',
    field: 'pairs.0.model',
    max: MODEL_ID_MAX,
    input: (v) => ({ pairs: [{ profileId: 'p1', model: v }, pairs[1]], prompts: ['p'] }),
  },
  {
    route: 'compare.start',
    field: 'prompts.0',
    max: COMPARE_PROMPT_MAX,
    input: (v) => ({ pairs, prompts: [v] }),
  },
  {
    route: 'compare.start',
    field: 'systemPrompt',
    max: SYSTEM_PROMPT_MAX,
    input: (v) => ({ pairs, prompts: ['p'], systemPrompt: v }),
  },
  {
    route: 'compare.start',
    field: 'name',
    max: TITLE_MAX,
    input: (v) => ({ pairs, prompts: ['p'], name: v }),
  },
  byId('compare.cancel', 'runId'),
  byId('compare.get'),
  byId('compare.delete'),
  { route: 'compare.export', field: 'id', max: ID_MAX, input: (v) => ({ id: v, format: 'csv' }) },
  {
    route: 'chat.showVersion',
    field: 'messageId',
    max: ID_MAX,
    input: (v) => ({ conversationId: 'c', messageId: v, version: 0 }),
  },
  { route: 'tasks.create', field: 'title', max: TITLE_MAX, input: (v) => ({ title: v }) },
  { route: 'tasks.update', field: 'id', max: ID_MAX, input: (v) => ({ id: v, patch: {} }) },
  {
    route: 'tasks.update',
    // The router names a field inside `{ patch }` as the form does: `title`.
    field: 'title',
    max: TITLE_MAX,
    input: (v) => ({ id: 't', patch: { title: v } }),
  },
  byId('tasks.delete'),
  {
    route: 'tasks.restore',
    field: 'task.title',
    max: TITLE_MAX,
    input: (v) => ({
      task: {
        id: 't',
        title: v,
        notes: '',
        priority: 'low',
        due: null,
        status: 'open',
        createdAt: 1,
        updatedAt: 1,
      },
    }),
  },
  {
    route: 'mcp.save',
    field: 'name',
    max: SHORT_NAME_MAX,
    input: (v) => ({ name: v, enabled: true, transport: { kind: 'stdio', command: 'npx', args: [] } }),
  },
  byId('mcp.delete'),
  { route: 'mcp.import', field: 'json', max: MCP_IMPORT_MAX_CHARS, input: (v) => ({ json: v }) },
  byId('mcp.restart'),
  { route: 'mcp.setTool', field: 'serverId', max: ID_MAX, input: (v) => ({ serverId: v, tool: 't' }) },
  { route: 'mcp.setTool', field: 'tool', max: 256, input: (v) => ({ serverId: 's', tool: v }) },
  {
    route: 'tools.decide',
    field: 'partId',
    max: ID_MAX,
    input: (v) => ({ conversationId: 'c', replyId: 'r', partId: v, decision: 'deny' }),
  },
  {
    route: 'conversations.setTools',
    field: 'conversationId',
    max: ID_MAX,
    input: (v) => ({ conversationId: v, tools: [] }),
  },
  { route: 'ollama.pull', field: 'model', max: MODEL_ID_MAX, input: (v) => ({ profileId: 'p', model: v }) },
  byId('ollama.cancelPull', 'pullId'),
  { route: 'ollama.delete', field: 'profileId', max: ID_MAX, input: (v) => ({ profileId: v, model: 'm' }) },
  byId('ollama.loaded', 'profileId'),
  { route: 'ollama.unload', field: 'model', max: MODEL_ID_MAX, input: (v) => ({ profileId: 'p', model: v }) },
];

/**
 * Routes whose limit is tested elsewhere: the import's (100 MB) in renderer-library-controller.test.ts;
 * `attachments.image` takes a SHA-256 (a pattern, not a length) in attachments-intake.test.ts;
 * `tools.updateSettings` takes numbers only.
 */
const testedElsewhere: RouteName[] = ['conversations.import', 'attachments.image', 'tools.updateSettings'];

let app: AppHarness;
beforeAll(() => {
  // No request reaches this URL: every case is refused before a handler runs.
  app = new AppHarness({ backend: { baseUrl: 'http://127.0.0.1:9/v1' } });
});
afterAll(async () => {
  await app.close();
});

describe('contract limits', () => {
  it('cover every route that takes a string (add a new route’s strings to this table)', () => {
    const covered = new Set<RouteName>([...cases.map((c) => c.route), ...testedElsewhere]);
    const takesNothing = (name: RouteName) => routes[name].input.safeParse(undefined).success;
    expect(routeNames.filter((name) => !covered.has(name) && !takesNothing(name))).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.route} ${c.field}`, c] as const))(
    '%s: accepts the limit, refuses one character more at the field without echoing it',
    async (_, { route, field, max, input }) => {
      // At the limit: whatever else the schema says, it is not that this field is too long.
      const atLimit = routes[route].input.safeParse(input(fill(max)));
      const tooBig = atLimit.success
        ? []
        : atLimit.error.issues.filter((i) => i.code === 'too_big' && i.path.join('.').endsWith(field));
      expect(tooBig).toEqual([]);

      const over = await app.invoke(route, input(fill(max + 1)) as never);
      expect(over.ok).toBe(false);
      if (over.ok) return;
      expect(over.error.code).toBe('invalid-input');
      expect(over.error.fields?.[field]).toMatch(/longer than|too long|under/);
      expect(echoes(JSON.stringify(over.error))).toBe(false);
    },
  );

  it.each(cases.map((c) => [`${c.route} ${c.field}`, c] as const))(
    '%s: refuses a 10 MB value with a short error',
    async (_, { route, input }) => {
      const result = await app.invoke(route, input(fill(TEN_MB)) as never);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('invalid-input');
      expect(JSON.stringify(result.error).length).toBeLessThan(1_000);
      expect(echoes(JSON.stringify(result.error))).toBe(false);
    },
  );

  it('refuses too many items in a list', async () => {
    const ids = Array.from({ length: EXPORT_IDS_MAX + 1 }, (_, i) => `c${i}`);
    const exported = await app.invoke('conversations.export', { ids, format: 'json' });
    expect(!exported.ok && exported.error.fields?.ids).toBeTruthy();
    const prompts = Array.from({ length: COMPARE_PROMPTS_MAX + 1 }, () => 'p');
    const run = await app.invoke('compare.start', { pairs, prompts });
    expect(!run.ok && run.error.fields?.prompts).toMatch(`at most ${COMPARE_PROMPTS_MAX} prompts`);
    const many = Array.from({ length: COMPARE_PAIRS_MAX + 1 }, (_, i) => ({
      profileId: `p${i}`,
      model: 'm',
    }));
    const wide = await app.invoke('compare.start', { pairs: many, prompts: ['p'] });
    expect(!wide.ok && wide.error.fields?.pairs).toMatch(`at most ${COMPARE_PAIRS_MAX} backends`);
  });

  it('names an unknown field by a short prefix only', async () => {
    const result = await app.invoke('chat.cancel', { streamId: 's', [fill(TEN_MB)]: 1 } as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/^Unknown field "h+…": remove it\.$/);
    expect(JSON.stringify(result.error).length).toBeLessThan(1_000);
  });
});

describe('a 10 MB base URL', () => {
  it('is refused with a short error and nothing of it is written to disk', async () => {
    const huge = `http://${fill(TEN_MB)}`;
    const created = await app.invoke('profiles.create', { ...draft, name: 'Huge', baseUrl: huge } as never);
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect(created.error.fields?.baseUrl).toBe(
      "The backend URL is longer than 2,048 characters. Enter the server's base URL, such as http://127.0.0.1:11434/v1.",
    );
    expect(JSON.stringify(created.error).length).toBeLessThan(1_000);
    const { defaultProfileId } = await app.call('profiles.list');
    const updated = await app.invoke('profiles.update', { id: defaultProfileId, patch: { baseUrl: huge } });
    expect(!updated.ok && updated.error.fields?.baseUrl).toMatch(/longer than 2,048/);
    expect((await app.call('profiles.list')).profiles.map((p) => p.baseUrl)).toEqual([
      'http://127.0.0.1:9/v1',
    ]);

    // Closing flushes any pending index write; then nothing on disk holds the value or grew by it.
    const dir = app.dataDir;
    await app.core.close();
    const files = listFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(statSync(file).size).toBeLessThan(100_000);
      expect(readFileSync(file, 'utf8').includes(fill(1_000))).toBe(false);
    }
    app = new AppHarness({ backend: { baseUrl: 'http://127.0.0.1:9/v1' }, dataDir: dir });
  });

  it('that is not a URL is quoted by its first characters only', () => {
    const bad = normaliseBaseUrl(`ht tp://${fill(2_000)}`);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.reason).toMatch(/^"ht tp:\/\/h+…" is not a URL\./);
    expect(echoes(bad.reason)).toBe(false);
    const scheme = normaliseBaseUrl(`${fill(500)}://example.com`);
    expect(!scheme.ok && scheme.reason).toMatch(/^The scheme "h+…" is not supported/);
  });
});

describe('an import', () => {
  const file = (conversation: Record<string, unknown>) =>
    JSON.stringify({ format: CONVERSATIONS_FORMAT, version: 1, conversations: [conversation] });
  const conversation = { id: 'c1', title: 'Fine', createdAt: 1, updatedAt: 1, messageCount: 0, messages: [] };

  it('refuses a title or model past the limits with a message that quotes a short prefix', () => {
    const title = parseConversationsImport(file({ ...conversation, title: fill(TEN_MB) }));
    expect(title.ok).toBe(false);
    if (title.ok) return;
    expect(title.reason).toMatch(/conversation 1 \("h+…"\): title: The title is longer than 200 characters/);
    expect(title.reason.length).toBeLessThan(500);
    const model = parseConversationsImport(file({ ...conversation, model: fill(MODEL_ID_MAX + 1) }));
    expect(!model.ok && model.reason).toMatch(/model: The model name is longer than 256/);
  });

  it('quotes a repeated message id by its first characters only', () => {
    const message = { id: fill(ID_MAX), role: 'user', content: 'x', createdAt: 1, status: 'complete' };
    const twice = parseConversationsImport(file({ ...conversation, messages: [message, message] }));
    expect(!twice.ok && twice.reason).toMatch(/message id "h+…" appears twice/);
    expect(!twice.ok && echoes(twice.reason)).toBe(false);
  });

  it('shows direction controls in an imported title instead of applying them', () => {
    const parsed = parseConversationsImport(file({ ...conversation, title: '\u202Etxt.exe' }));
    expect(parsed.ok && parsed.conversations[0]?.title).toBe('⟨U+202E⟩txt.exe');
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
