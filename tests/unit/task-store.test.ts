import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreProblem } from '../../shared/domain/store-problem';
import type { Task } from '../../shared/domain/tasks';
import type { OpenStore } from '../../electron/services/store/kv-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import { refusalsWorded } from '../../electron/services/store/storage-error';
import { TaskStore } from '../../electron/services/tasks/task-store';
import { TaskService } from '../../electron/services/tasks/task-service';

/** The task list on disk: atomic whole-file writes, damaged files set aside and reported, backups. */
let dir: string;
let clock = Date.parse('2026-12-04T10:00:00Z');
const now = () => clock;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tasks-store-'));
  clock = Date.parse('2026-12-04T10:00:00Z');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const task = (id: string, title: string, extra: Partial<Task> = {}): Task => ({
  id,
  title,
  notes: '',
  priority: 'medium',
  due: null,
  status: 'open',
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

function open(problems: StoreProblem[] = [], openStore: OpenStore = openConfStore) {
  return new TaskStore({ dir, openStore, now, backupDelayMs: 60_000, onProblem: (p) => problems.push(p) });
}
const onDisk = () => JSON.parse(readFileSync(join(dir, 'tasks.json'), 'utf8')) as { data: Task[] };

describe('task store', () => {
  it('starts empty without writing, then saves the whole list and reads it back after a restart', () => {
    const store = open();
    expect(store.tasks()).toEqual([]);
    expect(existsSync(join(dir, 'tasks.json'))).toBe(false);
    store.save([task('a', 'One'), task('b', 'Two')]);
    expect(onDisk()).toEqual({ schemaVersion: 1, data: [task('a', 'One'), task('b', 'Two')] });
    // The write is atomic: a temp file renamed into place, nothing else left in the folder.
    expect(readdirSync(dir).sort()).toEqual(['tasks.json']);
    store.close();
    expect(
      open()
        .tasks()
        .map((t) => t.title),
    ).toEqual(['One', 'Two']);
  });

  it('a write the disk refuses throws the data-folder error and changes nothing', () => {
    const store = open();
    store.save([task('a', 'Kept')]);
    let refuse = false;
    const refusing: OpenStore = (options) => {
      const file = openConfStore(options);
      return {
        get path() {
          return file.path;
        },
        get store() {
          return file.store;
        },
        set store(value) {
          if (refuse) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
          file.store = value;
        },
      } as typeof file;
    };
    const guarded = open([], refusalsWorded(refusing, dir));
    expect(guarded.tasks().map((t) => t.title)).toEqual(['Kept']);
    refuse = true;
    const service = new TaskService({ store: guarded, now });
    expect(() => service.create({ title: 'Lost' })).toThrow(/cannot be written: permission denied/);
    expect(guarded.tasks().map((t) => t.title)).toEqual(['Kept']);
    expect(onDisk().data.map((t) => t.title)).toEqual(['Kept']);
  });

  it('a file that is not JSON is moved aside, reported, and the list restored from its newest backup', () => {
    const first = open();
    first.save([task('a', 'Budget')]);
    first.close(); // takes the pending backup
    clock += 60_000;
    const second = open();
    second.save([task('a', 'Budget'), task('b', 'Taxes')]);
    second.close();
    expect(readdirSync(join(dir, 'backups', 'tasks'))).toHaveLength(2);
    writeFileSync(join(dir, 'tasks.json'), '{"schemaVersion":1,"data":[{"id":');

    const problems: StoreProblem[] = [];
    const reopened = open(problems);
    expect(reopened.tasks().map((t) => t.title)).toEqual(['Budget', 'Taxes']);
    expect(problems).toEqual([
      {
        file: join(dir, 'tasks.json'),
        movedTo: expect.stringMatching(/tasks\.corrupt-.*\.json$/),
        reason: expect.stringMatching(/not valid JSON/),
        at: clock,
        recovery: 'the task list was restored from its backup of 2026-12-04 10:01:00 UTC',
      },
    ]);
    expect(reopened.problems()).toEqual(problems);
    // The damaged file is kept as it was, and the restored list is written back.
    expect(readFileSync(problems[0]!.movedTo, 'utf8')).toBe('{"schemaVersion":1,"data":[{"id":');
    expect(onDisk().data.map((t) => t.title)).toEqual(['Budget', 'Taxes']);
  });

  it('without a backup a damaged file leaves an empty list, and says so', () => {
    writeFileSync(join(dir, 'tasks.json'), '{"schemaVersion":1,"data":"not a list"}');
    const problems: StoreProblem[] = [];
    expect(open(problems).tasks()).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        reason: 'unusable values (the task list)',
        recovery: 'there was no backup to restore, so the task list starts empty',
      }),
    ]);
    expect(readdirSync(dir).some((f) => f.startsWith('tasks.corrupt-'))).toBe(true);
  });

  it('keeps the readable tasks when some entries are damaged (or repeat an id)', () => {
    writeFileSync(
      join(dir, 'tasks.json'),
      JSON.stringify({
        schemaVersion: 1,
        data: [task('a', 'Good'), { id: 'b', title: 42 }, task('a', 'Same id'), task('c', 'Also good')],
      }),
    );
    const problems: StoreProblem[] = [];
    expect(
      open(problems)
        .tasks()
        .map((t) => t.title),
    ).toEqual(['Good', 'Also good']);
    expect(problems).toEqual([
      expect.objectContaining({
        reason: 'unusable values (task 2, task 3)',
        recovery: 'the readable tasks were kept',
      }),
    ]);
    expect(onDisk().data.map((t) => t.id)).toEqual(['a', 'c']);
  });

  it('backups: one copy per burst of changes, none identical to the newest, the newest ten kept', () => {
    for (let n = 0; n < 12; n++) {
      const store = open();
      store.save([task('a', `Version ${n}`)]);
      store.save([task('a', `Version ${n}`), task('b', 'second write, same burst')]);
      store.close();
      clock += 1_000;
    }
    const copies = readdirSync(join(dir, 'backups', 'tasks'));
    expect(copies).toHaveLength(10);
    // Unchanged since the last copy: none taken.
    const again = open();
    again.save(again.tasks());
    again.close();
    expect(readdirSync(join(dir, 'backups', 'tasks'))).toEqual(copies);
    const newest = copies.sort().at(-1)!;
    const copy = JSON.parse(readFileSync(join(dir, 'backups', 'tasks', newest), 'utf8')) as { data: Task[] };
    expect(copy.data.map((t) => t.title)).toEqual(['Version 11', 'second write, same burst']);
  });
});
