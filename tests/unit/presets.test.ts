import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppHarness } from '../support/app-harness';

/** The system prompt library through the router, saved in `<dataDir>/presets.json`. */
let app: AppHarness;
afterEach(async () => {
  await app?.close();
});
// No request reaches this URL: presets never talk to a backend.
const newApp = (dataDir?: string) =>
  (app = new AppHarness({ backend: { baseUrl: 'http://127.0.0.1:9/v1' }, ...(dataDir ? { dataDir } : {}) }));

describe('presets', () => {
  it('lists the built-ins: TaskMaster and a plain assistant (no system prompt)', async () => {
    newApp();
    expect(await app.call('presets.list')).toEqual([
      {
        id: 'builtin-taskmaster',
        name: 'TaskMaster',
        prompt: expect.stringMatching(
          /^You are TaskMaster, a helpful task management assistant\. You keep a real task list with your tools/,
        ),
        builtIn: true,
        // It turns the task tools on for the conversation that takes it.
        tools: ['tasks'],
      },
      { id: 'builtin-plain', name: 'Plain assistant', prompt: '', builtIn: true },
    ]);
  });

  it('creates, renames, edits and deletes the user’s presets, kept across restarts', async () => {
    newApp();
    const made = await app.call('presets.save', { name: '  Reviewer ', prompt: 'You review code tersely.' });
    expect(made).toMatchObject({ name: 'Reviewer', prompt: 'You review code tersely.', builtIn: false });
    const edited = await app.call('presets.save', { id: made.id, name: 'Code reviewer', prompt: 'Be kind.' });
    expect(edited).toEqual({ ...made, name: 'Code reviewer', prompt: 'Be kind.' });
    const second = await app.call('presets.save', { name: 'Translator', prompt: 'Translate to French.' });
    expect((await app.call('presets.list')).map((p) => p.name)).toEqual([
      'TaskMaster',
      'Plain assistant',
      'Code reviewer',
      'Translator',
    ]);

    await app.core.close();
    const dataDir = app.dataDir;
    newApp(dataDir);
    expect((await app.call('presets.list')).slice(2)).toEqual([edited, second]);
    expect(await app.call('presets.delete', { id: made.id })).toEqual({ id: made.id });
    expect((await app.call('presets.list')).map((p) => p.id)).not.toContain(made.id);
    const gone = await app.invoke('presets.delete', { id: made.id });
    expect(!gone.ok && gone.error.code).toBe('not-found');
  });

  it('says which field is wrong: empty or long name, empty prompt, a name taken', async () => {
    newApp();
    const empty = await app.invoke('presets.save', { name: '  ', prompt: '  ' });
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(empty.error.code).toBe('invalid-input');
    expect(empty.error.fields).toEqual({
      name: 'Give the preset a name.',
      prompt: 'Write the system prompt.',
    });
    const long = await app.invoke('presets.save', { name: 'x'.repeat(61), prompt: 'p' });
    expect(!long.ok && long.error.fields?.name).toBe('Keep the name under 60 characters.');
    const huge = await app.invoke('presets.save', { name: 'Huge', prompt: 'p'.repeat(50_001) });
    expect(!huge.ok && huge.error.fields?.prompt).toMatch(/under 50,000/);
    const taken = await app.invoke('presets.save', { name: 'taskmaster', prompt: 'p' });
    expect(!taken.ok && taken.error.fields?.name).toMatch(/already exists/);
  });

  it('refuses to change or delete a built-in, saying what to do instead', async () => {
    newApp();
    const change = await app.invoke('presets.save', { id: 'builtin-taskmaster', name: 'Mine', prompt: 'x' });
    expect(change.ok).toBe(false);
    if (!change.ok) {
      expect(change.error.code).toBe('invalid-input');
      expect(change.error.message).toBe('"TaskMaster" is a built-in preset and cannot be changed.');
      expect(change.error.fix).toMatch(/new preset/);
    }
    const remove = await app.invoke('presets.delete', { id: 'builtin-plain' });
    expect(!remove.ok && remove.error.message).toMatch(/built-in preset and cannot be deleted/);
    expect(await app.call('presets.list')).toHaveLength(2);
  });

  it('a damaged presets file is moved aside and reported; the built-ins are still there', async () => {
    newApp();
    const dataDir = app.dataDir;
    await app.core.close();
    writeFileSync(join(dataDir, 'presets.json'), '{"schemaVersion":1,"data":[{"id":');
    newApp(dataDir);
    expect((await app.call('presets.list')).map((p) => p.id)).toEqual([
      'builtin-taskmaster',
      'builtin-plain',
    ]);
    const problems = await app.call('store.problems');
    expect(problems).toEqual([
      expect.objectContaining({
        file: join(dataDir, 'presets.json'),
        movedTo: expect.stringMatching(/corrupt/),
      }),
    ]);
    expect(readdirSync(dataDir).some((f) => f.startsWith('presets.corrupt-'))).toBe(true);
    expect(app.events.some((e) => e.name === 'store.problem')).toBe(true);
    // Saving works again, into a fresh file.
    await app.call('presets.save', { name: 'Fresh', prompt: 'Hello.' });
    expect(await app.call('presets.list')).toHaveLength(3);
  });

  it('keeps the readable presets when some entries are damaged', async () => {
    newApp();
    const dataDir = app.dataDir;
    await app.core.close();
    writeFileSync(
      join(dataDir, 'presets.json'),
      JSON.stringify({
        schemaVersion: 1,
        data: [
          { id: 'preset-1', name: 'Good', prompt: 'Fine.' },
          { id: 'preset-2', name: 42 },
        ],
      }),
    );
    newApp(dataDir);
    expect((await app.call('presets.list')).slice(2)).toEqual([
      { id: 'preset-1', name: 'Good', prompt: 'Fine.', builtIn: false },
    ]);
    expect((await app.call('store.problems'))[0]?.reason).toContain('preset 2');
  });
});
