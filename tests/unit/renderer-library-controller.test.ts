import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result';
import type { ConversationSummary } from '../../shared/domain/conversation';
import type { UserError } from '../../shared/domain/errors';
import type { ExportedFile } from '../../shared/domain/exported-file';
import { IMPORT_MAX_CHARS, type SearchHit, type TrashItem } from '../../shared/domain/library';
import { initialAppState, type AppState } from '../../renderer/src/state/app-state';
import { createStore } from '../../renderer/src/state/core/create-store';
import { LibraryController, type LibraryHost } from '../../renderer/src/state/library/library-controller';
import {
  LibrarySearch,
  SEARCH_DELAY_MS,
  SEARCH_LIMIT,
} from '../../renderer/src/state/library/library-search';
import { RESTORED_MS, TOAST_MS } from '../../renderer/src/state/library/library-toast';
import { FakeApi, FakeConnection } from './renderer-fake-api';

/** A clock the test moves by hand: timers fire only when it says so. */
class ManualClock {
  time = 1_000;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 0;
  now = () => this.time;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = ++this.#next;
    this.#timers.set(id, { at: this.time + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.#timers.delete(handle as number);
  };
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.#timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.time) continue;
      this.#timers.delete(id);
      timer.callback();
    }
  }
  get pending(): number {
    return this.#timers.size;
  }
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const summary = (id: string, title = `Title ${id}`): ConversationSummary => ({
  id,
  title,
  createdAt: 1,
  updatedAt: 1,
  messageCount: 2,
});

const notFound: UserError = {
  code: 'not-found',
  message: 'That item is no longer in the trash.',
  fix: 'Refresh the trash; it may have been emptied.',
  retryable: false,
};

/** The app controller's part, recorded. */
class Host implements LibraryHost {
  readonly store = createStore<AppState>({ ...initialAppState, conversations: [summary('c1', 'Plans')] });
  readonly removed: string[] = [];
  readonly selected: string[] = [];
  readonly upserted: ConversationSummary[] = [];
  readonly notices: { error: UserError; context: string }[] = [];
  trashIdFor: (id: string) => string | undefined = (id) => `trash-${id}`;
  remove = (id: string) => {
    this.removed.push(id);
    return Promise.resolve(this.trashIdFor(id));
  };
  select = (id: string) => {
    this.selected.push(id);
    return Promise.resolve();
  };
  upsertConversation = (s: ConversationSummary) => void this.upserted.push(s);
  showNotice = (error: UserError, context: string) => void this.notices.push({ error, context });
}

function setup(answers: ConstructorParameters<typeof FakeApi>[0] = {}) {
  const api = new FakeApi({ 'trash.list': () => ({ ok: true, value: [] }), ...answers });
  const host = new Host();
  const clock = new ManualClock();
  const downloads: ExportedFile[] = [];
  const connection = new FakeConnection();
  const library = new LibraryController(api, connection, host, clock, (file) => downloads.push(file));
  return { api, host, clock, downloads, connection, library };
}

describe('delete with Undo', () => {
  it('moves to the trash at once and offers Undo for 8 seconds', async () => {
    const { library, host, clock } = setup();
    expect(await library.moveToTrash(summary('c1', 'Plans'))).toBe(true);
    expect(host.removed).toEqual(['c1']);
    expect(library.store.getState().toast).toMatchObject({
      phase: 'deleted',
      title: 'Plans',
      trashId: 'trash-c1',
      conversationId: 'c1',
    });
    clock.advance(TOAST_MS - 1);
    expect(library.store.getState().toast).toBeDefined();
    clock.advance(1);
    expect(library.store.getState().toast).toBeUndefined();
  });

  it('shows no toast when the delete failed (the app already said why)', async () => {
    const { library, host } = setup();
    host.trashIdFor = () => undefined;
    expect(await library.moveToTrash(summary('c1'))).toBe(false);
    expect(library.store.getState().toast).toBeUndefined();
  });

  it('Undo restores with the answered trash id, and opens it again when it was open', async () => {
    const restored = summary('c1', 'Plans');
    const { library, host, api, clock } = setup({ 'trash.restore': () => ({ ok: true, value: restored }) });
    host.store.setState({ selectedId: 'c1' });
    await library.moveToTrash(summary('c1', 'Plans'));
    await library.undo();
    expect(api.calls.filter((c) => c.route === 'trash.restore').map((c) => c.input)).toEqual([
      { trashId: 'trash-c1' },
    ]);
    expect(host.upserted).toEqual([restored]);
    expect(host.selected).toEqual(['c1']);
    expect(library.store.getState().toast?.phase).toBe('restored');
    clock.advance(RESTORED_MS);
    expect(library.store.getState().toast).toBeUndefined();
  });

  it('Undo of a conversation that was not open leaves the open one alone', async () => {
    const { library, host } = setup({ 'trash.restore': () => ({ ok: true, value: summary('c1') }) });
    host.store.setState({ selectedId: 'other' });
    await library.moveToTrash(summary('c1'));
    await library.undo();
    expect(host.selected).toEqual([]);
  });

  it('a failed Undo says why and can be tried again; a second Undo while one runs does nothing', async () => {
    let answer: (value: Result<unknown>) => void = () => {};
    const { library, api } = setup({
      'trash.restore': () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    await library.moveToTrash(summary('c1'));
    const first = library.undo();
    expect(library.store.getState().toast?.phase).toBe('restoring');
    await library.undo(); // ignored: not undoable while restoring
    expect(api.calls.filter((c) => c.route === 'trash.restore')).toHaveLength(1);
    answer({ ok: false, error: notFound });
    await first;
    expect(library.store.getState().toast).toMatchObject({ phase: 'failed', error: notFound });
  });

  it('stays while the pointer or focus is on it, and goes a while after they leave', async () => {
    const { library, clock } = setup();
    await library.moveToTrash(summary('c1'));
    clock.advance(7_000);
    library.pauseToast();
    clock.advance(60_000);
    expect(library.store.getState().toast).toBeDefined();
    library.resumeToast();
    clock.advance(2_999);
    expect(library.store.getState().toast).toBeDefined();
    clock.advance(1);
    expect(library.store.getState().toast).toBeUndefined();
  });

  it('a second delete replaces the first toast, and only its own timer ends it', async () => {
    const { library, clock } = setup();
    await library.moveToTrash(summary('c1'));
    clock.advance(5_000);
    await library.moveToTrash(summary('c2', 'Second'));
    clock.advance(5_000);
    expect(library.store.getState().toast?.title).toBe('Second');
    clock.advance(3_000);
    expect(library.store.getState().toast).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it('restoring or purging that item from the trash retires the toast', async () => {
    const { library } = setup({
      'trash.restore': () => ({ ok: true, value: summary('c1') }),
      'trash.purge': (input) => ({ ok: true, value: input as { trashId: string } }),
    });
    await library.moveToTrash(summary('c1'));
    await library.restore('trash-c1');
    expect(library.store.getState().toast).toBeUndefined();
    await library.moveToTrash(summary('c1'));
    await library.purge('trash-c1');
    expect(library.store.getState().toast).toBeUndefined();
  });
});

describe('the trash', () => {
  const item: TrashItem = {
    id: 't1',
    kind: 'conversation',
    conversationId: 'c1',
    title: 'Plans',
    deletedAt: 5,
    messageCount: 2,
  };

  it('loads on start, follows trash.changed, and reloads when the connection comes back', async () => {
    let listed: TrashItem[] = [item];
    const { library, api, connection } = setup({ 'trash.list': () => ({ ok: true, value: listed }) });
    const stop = library.start();
    await flush();
    expect(library.store.getState()).toMatchObject({ trash: [item], trashLoaded: true });
    api.emit('trash.changed', { items: [] });
    expect(library.store.getState().trash).toEqual([]);
    listed = [item, { ...item, id: 't2', kind: 'turns' }];
    connection.set('reconnecting');
    connection.set('open');
    await flush();
    expect(library.store.getState().trash.map((i) => i.id)).toEqual(['t1', 't2']);
    stop();
    api.emit('trash.changed', { items: [] });
    expect(library.store.getState().trash).toHaveLength(2);
  });

  it('empties it, and reports a refusal without changing the list', async () => {
    const { library } = setup({
      'trash.list': () => ({ ok: true, value: [item] }),
      'trash.empty': () => ({ ok: true, value: { count: 1 } }),
      'trash.purge': () => ({ ok: false, error: notFound }),
    });
    await library.loadTrash();
    const purged = await library.purge('t1');
    expect(purged.ok).toBe(false);
    expect(library.store.getState().trash).toEqual([item]);
    expect((await library.emptyTrash()).ok).toBe(true);
    expect(library.store.getState().trash).toEqual([]);
  });
});

describe('rename, pin, export, import', () => {
  it('renames and pins, listing the answer at once; a refused pin becomes a notice', async () => {
    const renamed = { ...summary('c1'), title: 'New name', titleEdited: true };
    const { library, host, api } = setup({
      'conversations.rename': () => ({ ok: true, value: renamed }),
      'conversations.pin': () => ({ ok: false, error: notFound }),
    });
    expect((await library.rename('c1', 'New name')).ok).toBe(true);
    expect(api.calls.at(-1)).toEqual({
      route: 'conversations.rename',
      input: { id: 'c1', title: 'New name' },
    });
    expect(host.upserted).toEqual([renamed]);
    expect(await library.setPinned('c1', true)).toBe(false);
    expect(host.notices.map((n) => n.context)).toEqual(['The conversation was not pinned.']);
  });

  it('exports one or all and offers the file as a download', async () => {
    const file: ExportedFile = { filename: 'plans.json', mimeType: 'application/json', content: '{}' };
    const { library, api, downloads } = setup({ 'conversations.export': () => ({ ok: true, value: file }) });
    expect(await library.exportConversations(['c1'], 'json')).toBe('plans.json');
    expect(await library.exportConversations(undefined, 'markdown')).toBe('plans.json');
    expect(api.calls.map((c) => c.input)).toEqual([{ ids: ['c1'], format: 'json' }, { format: 'markdown' }]);
    expect(downloads).toEqual([file, file]);
  });

  it('imports and reports; a refusal comes back with its reason; a file too large is not sent', async () => {
    const imported = [summary('n1', 'Imported')];
    const refusal: UserError = {
      code: 'invalid-input',
      message: 'The file is truncated.',
      fix: 'Nothing was imported.',
      retryable: false,
    };
    const { library, host, api } = setup({
      'conversations.import': (input) =>
        (input as { content: string }).content === 'good'
          ? { ok: true, value: { imported, renamed: 1 } }
          : { ok: false, error: refusal },
    });
    expect(await library.importText('good')).toEqual({
      ok: true,
      report: { imported, renamed: 1 },
      summary: 'Imported 1 conversation (1 got a new id because its id was in use).',
    });
    expect(host.upserted).toEqual(imported);
    expect(await library.importText('bad')).toEqual({ ok: false, error: refusal });
    const calls = api.calls.length;
    const huge = await library.importText('x'.repeat(IMPORT_MAX_CHARS + 1));
    expect(huge.ok).toBe(false);
    expect(api.calls.length).toBe(calls);
  });
});

describe('search', () => {
  const hit = (conversationId: string): SearchHit => ({
    conversationId,
    title: conversationId,
    snippet: conversationId,
    matchStart: 0,
    matchLength: 1,
  });

  it('asks once per pause in typing, not per keystroke', async () => {
    const clock = new ManualClock();
    const api = new FakeApi({ 'conversations.search': () => ({ ok: true, value: [hit('c1')] }) });
    const search = new LibrarySearch(api, clock);
    for (const query of ['z', 'zu', 'zuc', 'zucc']) {
      search.setQuery(query);
      clock.advance(SEARCH_DELAY_MS - 1);
    }
    expect(api.calls).toHaveLength(0);
    expect(search.store.getState().status).toBe('pending');
    clock.advance(1);
    await flush();
    expect(api.calls.map((c) => c.input)).toEqual([{ query: 'zucc', limit: SEARCH_LIMIT }]);
    expect(search.store.getState()).toMatchObject({ status: 'done', answered: 'zucc', hits: [hit('c1')] });
  });

  it('shows only the latest query’s answer, whatever order the answers arrive in', async () => {
    const clock = new ManualClock();
    const answers = new Map<string, (value: Result<unknown>) => void>();
    const api = new FakeApi({
      'conversations.search': (input) =>
        new Promise((resolve) => answers.set((input as { query: string }).query, resolve)),
    });
    const search = new LibrarySearch(api, clock);
    search.setQuery('first');
    clock.advance(SEARCH_DELAY_MS);
    search.setQuery('second');
    clock.advance(SEARCH_DELAY_MS);
    await flush();
    answers.get('second')?.({ ok: true, value: [hit('new')] });
    await flush();
    answers.get('first')?.({ ok: true, value: [hit('old')] });
    await flush();
    expect(search.store.getState()).toMatchObject({ answered: 'second', hits: [hit('new')] });
  });

  it('an emptied box clears at once and drops an answer still on its way; Enter asks without waiting', async () => {
    const clock = new ManualClock();
    let answer: (value: Result<unknown>) => void = () => {};
    const api = new FakeApi({
      'conversations.search': () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const search = new LibrarySearch(api, clock);
    search.setQuery('plans');
    search.flush();
    expect(api.calls).toHaveLength(1);
    search.setQuery('   ');
    expect(search.store.getState()).toMatchObject({ status: 'idle', hits: [] });
    answer({ ok: true, value: [hit('c1')] });
    await flush();
    expect(search.store.getState()).toMatchObject({ status: 'idle', hits: [] });
    expect(clock.pending).toBe(0);
  });

  it('says why a search failed', async () => {
    const clock = new ManualClock();
    const api = new FakeApi({ 'conversations.search': () => ({ ok: false, error: notFound }) });
    const search = new LibrarySearch(api, clock);
    search.setQuery('plans');
    clock.advance(SEARCH_DELAY_MS);
    await flush();
    expect(search.store.getState()).toMatchObject({ status: 'failed', error: notFound, hits: [] });
  });
});

describe('search warm-up', () => {
  it('asks once, the first time the box gets focus, so the host builds its index early', () => {
    const api = new FakeApi({ 'conversations.search': () => ({ ok: true, value: [] }) });
    const search = new LibrarySearch(api, new ManualClock());
    search.warm();
    search.warm();
    expect(api.calls).toEqual([{ route: 'conversations.search', input: { query: 'a', limit: 1 } }]);
    expect(search.store.getState().status).toBe('idle');
  });
});
