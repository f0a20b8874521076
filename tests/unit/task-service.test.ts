import { afterEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../shared/contract/events';
import type { Task } from '../../shared/domain/tasks';
import { TASKMASTER_PRESET_ID, BUILT_IN_PRESETS } from '../../shared/domain/presets';
import { AppHarness } from '../support/app-harness';

/** The task list through the router (what the Tasks panel calls), and conversations' tool switches. */
let app: AppHarness;
afterEach(async () => {
  await app?.close();
});
const newApp = (dataDir?: string) =>
  (app = new AppHarness({ backend: { baseUrl: 'http://127.0.0.1:9/v1' }, ...(dataDir ? { dataDir } : {}) }));
const changes = () =>
  app.events
    .filter((e) => e.name === 'tasks.changed')
    .map((e) => (e.payload as EventMap['tasks.changed']).tasks.map((t) => t.title));

describe('task service', () => {
  it('creates with defaults, updates only the fields given, completes, reopens; every change is announced', async () => {
    newApp();
    const made = await app.call('tasks.create', {
      title: '  Q4 Budget Review ',
      priority: 'high',
      due: '2026-12-31',
    });
    expect(made).toMatchObject({
      title: 'Q4 Budget Review',
      notes: '',
      priority: 'high',
      due: '2026-12-31',
      status: 'open',
    });
    expect(made.completedAt).toBeUndefined();
    const plain = await app.call('tasks.create', { title: 'Water the plants' });
    expect(plain).toMatchObject({ priority: 'medium', due: null, notes: '' });

    const edited = await app.call('tasks.update', {
      id: made.id,
      patch: { notes: 'With finance', due: null },
    });
    expect(edited).toMatchObject({
      title: 'Q4 Budget Review',
      notes: 'With finance',
      due: null,
      priority: 'high',
    });
    const done = await app.call('tasks.update', { id: made.id, patch: { status: 'done' } });
    expect(done.completedAt).toEqual(expect.any(Number));
    const reopened = await app.call('tasks.update', { id: made.id, patch: { status: 'open' } });
    expect(reopened.completedAt).toBeUndefined();
    expect(changes()).toHaveLength(5);
    expect(changes().at(-1)).toEqual(['Q4 Budget Review', 'Water the plants']);
  });

  it('lists open tasks by due day then priority (no due date last), then done ones, latest completed first', async () => {
    newApp();
    const add = (title: string, extra: Partial<Task> = {}) =>
      app.call('tasks.create', {
        title,
        ...(extra.priority ? { priority: extra.priority } : {}),
        due: extra.due ?? null,
      });
    await add('Someday low', { priority: 'low' });
    await add('Someday high', { priority: 'high' });
    await add('Friday medium', { due: '2026-12-11' });
    await add('Friday high', { due: '2026-12-11', priority: 'high' });
    await add('Monday', { due: '2026-12-07' });
    const first = await add('Done first');
    const second = await add('Done second');
    await app.call('tasks.update', { id: first.id, patch: { status: 'done' } });
    await new Promise((r) => setTimeout(r, 5));
    await app.call('tasks.update', { id: second.id, patch: { status: 'done' } });
    expect((await app.call('tasks.list')).map((t) => t.title)).toEqual([
      'Monday',
      'Friday high',
      'Friday medium',
      'Someday high',
      'Someday low',
      'Done second',
      'Done first',
    ]);
  });

  it('delete answers the task, restore puts it back as it was (twice does nothing more)', async () => {
    newApp();
    const task = await app.call('tasks.create', { title: 'Call the bank', notes: 'about the loan' });
    const { task: deleted } = await app.call('tasks.delete', { id: task.id });
    expect(deleted).toEqual(task);
    expect(await app.call('tasks.list')).toEqual([]);
    expect(await app.call('tasks.restore', { task: deleted })).toEqual(task);
    expect(await app.call('tasks.restore', { task: deleted })).toEqual(task);
    expect(await app.call('tasks.list')).toEqual([task]);
    const gone = await app.invoke('tasks.delete', { id: 'task-missing' });
    expect(!gone.ok && gone.error).toMatchObject({
      code: 'not-found',
      message: 'That task no longer exists.',
    });
  });

  it('refuses bad input with the field and the fix, saving nothing', async () => {
    newApp();
    const empty = await app.invoke('tasks.create', { title: '   ' });
    expect(!empty.ok && empty.error.fields).toEqual({ title: 'Give the task a title.' });
    const notADay = await app.invoke('tasks.create', { title: 'x', due: '2026-02-30' });
    expect(!notADay.ok && notADay.error.fields).toEqual({ due: 'That due date is not a real day.' });
    const words = await app.invoke('tasks.create', { title: 'x', due: 'end of quarter' });
    expect(!words.ok && words.error.fields?.due).toMatch(/YYYY-MM-DD/);
    const task = await app.call('tasks.create', { title: 'Real' });
    const badPatch = await app.invoke('tasks.update', {
      id: task.id,
      patch: { priority: 'urgent' as 'high' },
    });
    expect(badPatch.ok).toBe(false);
    expect(await app.call('tasks.list')).toEqual([task]);
  });

  it('tasks are still there after a restart', async () => {
    newApp();
    const task = await app.call('tasks.create', { title: 'Survives', priority: 'low' });
    await app.core.close();
    newApp(app.dataDir);
    expect(await app.call('tasks.list')).toEqual([task]);
  });
});

describe('a conversation’s tools', () => {
  it('conversations.setTools saves the sources (unknown ids kept), durable across a restart', async () => {
    newApp();
    const { id } = await app.call('conversations.create');
    const set = await app.call('conversations.setTools', {
      conversationId: id,
      tools: ['tasks', 'mcp-gone', 'tasks'],
    });
    expect(set.tools).toEqual(['tasks', 'mcp-gone']);
    expect((await app.call('conversations.get', { id })).tools).toEqual(['tasks', 'mcp-gone']);
    const off = await app.call('conversations.setTools', { conversationId: id, tools: [] });
    expect(off.tools).toBeUndefined();
    await app.call('conversations.setTools', { conversationId: id, tools: ['tasks'] });
    await app.core.close();
    newApp(app.dataDir);
    expect((await app.call('conversations.list')).find((c) => c.id === id)?.tools).toEqual(['tasks']);
    expect((await app.call('conversations.get', { id })).tools).toEqual(['tasks']);
    const missing = await app.invoke('conversations.setTools', { conversationId: 'nope', tools: [] });
    expect(!missing.ok && missing.error.code).toBe('not-found');
  });

  it('taking the TaskMaster preset turns the task tools on (a new chat too); others change nothing', async () => {
    newApp();
    const taskmaster = BUILT_IN_PRESETS.find((p) => p.id === TASKMASTER_PRESET_ID)!;
    expect(taskmaster.prompt).toMatch(/Never say a task was created.*without calling the tool/);
    const { id } = await app.call('conversations.create');
    await app.call('conversations.setSystemPrompt', { conversationId: id, prompt: 'Be brief.' });
    expect((await app.call('conversations.get', { id })).tools).toBeUndefined();
    const taken = await app.call('conversations.setSystemPrompt', {
      conversationId: id,
      prompt: taskmaster.prompt,
      presetId: TASKMASTER_PRESET_ID,
    });
    expect(taken.tools).toEqual(['tasks']);
    // Edited away from the preset: the tools the user has stay on.
    const edited = await app.call('conversations.setSystemPrompt', {
      conversationId: id,
      prompt: 'Be brief.',
    });
    expect(edited.tools).toEqual(['tasks']);
  });
});
