import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrashItem } from '../../shared/domain/library';
import { AppHarness } from '../support/app-harness';
import { startTestServer, type TestServer } from '../support/openai-test-server';

let app: AppHarness;
let server: TestServer;

beforeEach(async () => {
  server = await startTestServer({ flavor: 'ollama' });
  app = new AppHarness({ backend: { baseUrl: server.url } });
});

afterEach(async () => {
  await app.close();
  await server.close();
});

const trashEvents = () =>
  app.events
    .filter((e) => e.name === 'trash.changed')
    .map((e) => (e.payload as { items: TrashItem[] }).items);

describe('library routes', () => {
  it('delete moves to the trash (Undo = restore), rename and pin, list pinned first', async () => {
    const a = await app.call('conversations.create');
    const b = await app.call('conversations.create');
    expect((await app.call('conversations.rename', { id: a.id, title: '  Budget  ' })).title).toBe('Budget');
    await app.call('conversations.pin', { id: a.id, pinned: true });
    expect((await app.call('conversations.list')).map((s) => s.id)).toEqual([a.id, b.id]);

    const empty = await app.invoke('conversations.rename', { id: a.id, title: '   ' });
    expect(empty).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { title: expect.any(String) } },
    });

    const { id, trashId } = await app.call('conversations.delete', { id: a.id });
    expect(id).toBe(a.id);
    expect(await app.call('trash.list')).toEqual([expect.objectContaining({ id: trashId, title: 'Budget' })]);
    expect(trashEvents().at(-1)).toEqual([expect.objectContaining({ id: trashId })]);
    expect((await app.call('conversations.list')).map((s) => s.id)).toEqual([b.id]);

    const restored = await app.call('trash.restore', { trashId });
    expect(restored).toMatchObject({ id: a.id, title: 'Budget', pinned: true });
    expect(trashEvents().at(-1)).toEqual([]);
    expect(await app.invoke('trash.restore', { trashId })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await app.invoke('conversations.delete', { id: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('purges and empties the trash', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await app.call('conversations.create')).id);
    const trashIds = [];
    for (const id of ids) trashIds.push((await app.call('conversations.delete', { id })).trashId);
    expect(await app.call('trash.purge', { trashId: trashIds[0]! })).toEqual({ trashId: trashIds[0] });
    expect(await app.invoke('trash.purge', { trashId: trashIds[0]! })).toMatchObject({ ok: false });
    expect(await app.call('trash.empty')).toEqual({ count: 2 });
    expect(await app.call('trash.list')).toEqual([]);
  });

  it('searches, exports and imports through the contract', async () => {
    const { conversationId } = await app.ask('Where do llamas live?');
    const hits = await app.call('conversations.search', { query: 'LLAMAS' });
    expect(hits[0]?.conversationId).toBe(conversationId);
    expect(hits[0]?.messageId).toBeUndefined(); // the title
    expect(hits.some((h) => h.role === 'user')).toBe(true);
    expect(await app.invoke('conversations.search', { query: '' })).toMatchObject({
      ok: false,
      error: { fields: { query: expect.any(String) } },
    });

    const md = await app.call('conversations.export', { ids: [conversationId], format: 'markdown' });
    expect(md.content).toContain('Where do llamas live?');
    const json = await app.call('conversations.export', { format: 'json' });
    const report = await app.call('conversations.import', { content: json.content });
    expect(report.skipped).toBe(1);
    const renamed = await app.call('conversations.import', {
      content: json.content.replaceAll('llamas', 'alpacas'),
    });
    expect(renamed.renamed).toBe(1);
    const copy = renamed.imported[0]!.id;
    expect(copy).not.toBe(conversationId);
    const alpacas = await app.call('conversations.search', { query: 'alpacas' });
    expect(alpacas.map((h) => [h.conversationId, h.role ?? 'title'])).toEqual(
      expect.arrayContaining([
        [copy, 'title'],
        [copy, 'user'],
      ]),
    );
    expect(alpacas.every((h) => h.conversationId === copy)).toBe(true);
    expect(await app.invoke('conversations.import', { content: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/not JSON/) },
    });
  });
});
