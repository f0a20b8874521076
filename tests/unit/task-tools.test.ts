import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/domain/tasks';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import { TaskService } from '../../electron/services/tasks/task-service';
import { TaskStore } from '../../electron/services/tasks/task-store';
import { taskToolProvider } from '../../electron/services/tasks/task-tool-provider';
import type { ToolProvider, ToolRunContext } from '../../electron/services/tools/tool-provider';

/** The built-in task tools as the tool loop sees them: schemas, answers for the model, card lines. */
let dir: string;
let tasks: TaskService;
let tools: ToolProvider;
let changed: Task[][];
// Friday 4 December 2026, mid-morning in any zone the tests run in.
const now = () => Date.parse('2026-12-04T10:00:00Z');
const context: ToolRunContext = {
  conversationId: 'c1',
  signal: new AbortController().signal,
  timeoutMs: 60_000,
};
const call = async (name: string, args: Record<string, unknown>) => {
  const outcome = await tools.call(name, args, context);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's JSON, read in assertions
  return { ...outcome, json: JSON.parse(outcome.content) as Record<string, any> };
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'task-tools-'));
  changed = [];
  tasks = new TaskService({
    store: new TaskStore({ dir, openStore: openConfStore, now }),
    now,
    onChanged: (list) => changed.push(list),
  });
  tools = taskToolProvider(tasks, now);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('task tools', () => {
  it('is the built-in source "Task list": five tools, run without asking, today in their descriptions', () => {
    expect(tools.source).toEqual({ kind: 'builtin', id: 'tasks', name: 'Task list' });
    const defs = tools.tools();
    expect(defs.map((d) => d.name)).toEqual([
      'create_task',
      'list_tasks',
      'update_task',
      'complete_task',
      'delete_task',
    ]);
    expect(defs.map((d) => d.sideEffects)).toEqual([true, false, true, true, true]);
    expect(defs.every((d) => tools.alwaysAllowed(d.name))).toBe(true);
    expect(tools.alwaysAllowed('rm_rf')).toBe(false);
    expect(defs[0]!.description).toContain('Today is Fri 2026-12-04');
    expect(JSON.stringify(defs[0]!.inputSchema)).toContain('YYYY-MM-DD');
    const view = tools.view();
    expect(view).toMatchObject({ id: 'tasks', kind: 'builtin', name: 'Task list', state: 'ready' });
    expect(view.tools.every((t) => t.enabled && t.alwaysAllowed)).toBe(true);
  });

  it('the schemas refuse what the loop must not run: no title, words for a due date, unknown fields', () => {
    const ajv = new Ajv({ allowUnionTypes: true });
    const schema = (name: string) => ajv.compile(tools.tools().find((d) => d.name === name)!.inputSchema);
    const create = schema('create_task');
    expect(create({ title: 'Q4 Budget Review', priority: 'high', due: '2026-12-31' })).toBe(true);
    expect(create({ title: 'No due', due: null })).toBe(true);
    expect(create({})).toBe(false);
    expect(create({ title: 'x', due: 'end of quarter' })).toBe(false);
    expect(create({ title: 'x', priority: 'urgent' })).toBe(false);
    expect(create({ title: 'x', owner: 'me' })).toBe(false);
    expect(schema('list_tasks')({ status: 'everything' })).toBe(false);
    expect(schema('update_task')({ title: 'no task named' })).toBe(false);
    expect(schema('complete_task')({ task: 'Q4' })).toBe(true);
  });

  it('create_task: creates it for real, answers JSON with the id and today, and a card line', async () => {
    const made = await call('create_task', {
      title: 'Q4 Budget Review',
      priority: 'high',
      due: '2026-12-31',
    });
    expect(made.isError).toBe(false);
    expect(made.summary).toBe('Created task · Q4 Budget Review · High · due Thu 2026-12-31');
    expect(made.json).toEqual({
      created: {
        id: expect.stringMatching(/^task-/),
        title: 'Q4 Budget Review',
        priority: 'high',
        due: '2026-12-31',
        status: 'open',
      },
      today: '2026-12-04',
    });
    expect(tasks.list()).toEqual([
      expect.objectContaining({ title: 'Q4 Budget Review', conversationId: 'c1' }),
    ]);
    expect(changed).toHaveLength(1);
    const plain = await call('create_task', { title: 'Stretch' });
    expect(plain.summary).toBe('Created task · Stretch · Medium');
  });

  it('create_task: an impossible due day or an empty title is an error result, nothing created', async () => {
    const bad = await call('create_task', { title: 'Leap', due: '2026-02-30' });
    expect(bad.isError).toBe(true);
    expect(bad.json).toMatchObject({
      error: 'That due date is not a real day.',
      fields: { due: expect.any(String) },
    });
    expect(bad.summary).toBe('Failed · That due date is not a real day.');
    const blank = await call('create_task', { title: '  ' });
    expect(blank.json.error).toBe('Give the task a title.');
    expect(tasks.list()).toEqual([]);
  });

  it('list_tasks: open by default, done or all on request, with counts in the card line', async () => {
    await call('create_task', { title: 'A', due: '2026-12-10' });
    await call('create_task', { title: 'B' });
    const c = await call('create_task', { title: 'C' });
    await call('complete_task', { task: c.json.created.id });
    const open = await call('list_tasks', {});
    expect(open.summary).toBe('Listed 2 open tasks');
    expect(open.json).toMatchObject({ status: 'open', count: 2, today: '2026-12-04' });
    expect(open.json.tasks.map((t: Task) => t.title)).toEqual(['A', 'B']);
    expect((await call('list_tasks', { status: 'done' })).summary).toBe('Listed 1 done task');
    expect((await call('list_tasks', { status: 'all' })).summary).toBe('Listed 3 tasks');
  });

  it('update, complete and delete find a task by id or by its exact (or case-blind) unique title', async () => {
    const made = await call('create_task', { title: 'Q4 Budget Review', priority: 'high' });
    const id = made.json.created.id as string;
    const updated = await call('update_task', { task: id, due: '2027-03-31', notes: 'with finance' });
    expect(updated.summary).toBe('Updated · Q4 Budget Review · High · due Wed 2027-03-31');
    expect(updated.json.updated).toMatchObject({ notes: 'with finance', due: '2027-03-31' });
    const done = await call('complete_task', { task: 'q4 budget review' });
    expect(done.summary).toBe('Completed · Q4 Budget Review');
    expect(tasks.get(id)).toMatchObject({ status: 'done', completedAt: now() });
    const reopened = await call('update_task', { task: 'Q4 Budget Review', status: 'open' });
    expect(reopened.json.updated.status).toBe('open');
    const deleted = await call('delete_task', { task: 'Q4 Budget Review' });
    expect(deleted.summary).toBe('Deleted · Q4 Budget Review');
    expect(deleted.json).toEqual({ deleted: { id, title: 'Q4 Budget Review' } });
    expect(tasks.list()).toEqual([]);
  });

  it('an ambiguous title lists the candidates; an unknown one says to list the tasks; nothing changes', async () => {
    const a = await call('create_task', { title: 'Call mum' });
    const b = await call('create_task', { title: 'Call mum', due: '2026-12-24' });
    const ambiguous = await call('complete_task', { task: 'Call mum' });
    expect(ambiguous.isError).toBe(true);
    expect(ambiguous.summary).toBe('Which task? · 2 titled Call mum');
    expect(ambiguous.json.candidates.map((t: Task) => t.id).sort()).toEqual(
      [a.json.created.id, b.json.created.id].sort(),
    );
    expect(ambiguous.json.fix).toMatch(/id/);
    const unknown = await call('delete_task', { task: 'Feed the cat' });
    expect(unknown).toMatchObject({ isError: true, summary: 'Not found · Feed the cat' });
    expect(unknown.json.fix).toMatch(/list_tasks/);
    expect(tasks.list().map((t) => t.status)).toEqual(['open', 'open']);
  });

  it('an unknown tool name is an error result, not a throw', async () => {
    const outcome = await call('drop_tables', {});
    expect(outcome).toMatchObject({ isError: true, summary: 'Unknown tool' });
  });
});
