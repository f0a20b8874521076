import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/domain/conversation';
import { conversationsToJson } from '../../shared/domain/conversation-export';
import { ConversationStore } from '../../electron/services/store/conversation-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import { textParts } from '../../shared/domain/message-content';

/**
 * An import of 300 conversations into a folder holding 39, killed (SIGKILL) at random moments, then
 * repeated: after every kill the folder holds either all of the import or none of it, and importing
 * the same file again (and again) never lists a conversation twice.
 */
const RUNS = Number(process.env.IMPORT_CRASH_RUNS ?? 8);
const BASE = 39;
const IMPORTED = 300;
const writer = path.resolve('tests/fixtures/import-writer.ts');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-crash-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function makeBase(dir: string): string[] {
  const store = ConversationStore.open({ dir, openStore: openConfStore });
  const ids: string[] = [];
  for (let i = 0; i < BASE; i++) {
    const { id } = store.create();
    store.appendMessage(id, {
      id: `b${i}`,
      role: 'user',
      parts: textParts(`Base ${i}`),
      createdAt: 10 + i,
      status: 'complete',
    });
    ids.push(id);
  }
  store.close();
  return ids;
}

/** 300 conversations; the first five reuse ids of the base folder, so the import renames them. */
function exportFile(baseIds: string[]): { file: string; titles: string[] } {
  const conversations: Conversation[] = Array.from({ length: IMPORTED }, (_, i) => ({
    id: i < 5 ? baseIds[i]! : `imp-${i}`,
    title: i % 7 === 0 ? `Named ${i}` : `Question ${i}`,
    createdAt: 1_000 + i,
    updatedAt: 2_000 + i,
    messageCount: 2,
    ...(i % 11 === 0 ? { pinned: true } : {}),
    messages: [
      {
        id: `q${i}`,
        role: 'user',
        parts: textParts(`Question ${i}`),
        createdAt: 1_000 + i,
        status: 'complete',
      },
      {
        id: `a${i}`,
        role: 'assistant',
        parts: textParts(`Answer ${i} `.repeat(40)),
        createdAt: 1_001 + i,
        status: 'complete',
      },
    ],
  }));
  const file = path.join(work, 'export.json');
  fs.writeFileSync(file, conversationsToJson(conversations, 0));
  return { file, titles: conversations.map((c) => c.title) };
}

/** Runs the writer; kills it `delayMs` after it is ready (undefined: lets it finish). Answers how long the import ran. */
async function importAndKill(
  dir: string,
  file: string,
  delayMs?: number,
): Promise<{ output: string; ms: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`writer did not start:\n${output}`)), 30_000);
    const check = () => {
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      if (!output.includes('ready')) reject(new Error(`writer exited early:\n${output}`));
    });
  });
  const ready = Date.now();
  if (delayMs !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    child.kill('SIGKILL');
  }
  await exited;
  return { output, ms: Date.now() - ready };
}

function titleCounts(store: ConversationStore): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of store.list()) counts.set(s.title, (counts.get(s.title) ?? 0) + 1);
  return counts;
}

describe('an import killed half-way', () => {
  it(`is all or nothing, and importing the same file again never duplicates (${RUNS} kills)`, async () => {
    const template = path.join(work, 'template');
    const baseIds = makeBase(template);
    const { file, titles } = exportFile(baseIds);

    // How long a whole import takes here, to spread the kills over it.
    const timing = path.join(work, 'timing');
    fs.cpSync(template, timing, { recursive: true });
    const { output: finished, ms: span } = await importAndKill(timing, file);
    expect(finished).toContain(`done ${IMPORTED}`);
    let seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const startSeed = seed;

    const outcomes = { none: 0, all: 0 };
    for (let run = 1; run <= RUNS; run++) {
      const dir = path.join(work, `run-${run}`);
      fs.cpSync(template, dir, { recursive: true });
      const { output } = await importAndKill(dir, file, Math.floor(random() * span));

      const store = ConversationStore.open({ dir, openStore: openConfStore });
      const listed = store.list().length;
      expect([BASE, BASE + IMPORTED], `run ${run} (seed ${startSeed}): ${listed} listed`).toContain(listed);
      if (listed === BASE) outcomes.none++;
      else outcomes.all++;
      // Only the rolled-back import may be reported, never a damaged file.
      for (const problem of store.problems()) expect(problem.reason).toMatch(/import was interrupted/);
      if (output.includes('done')) expect(listed).toBe(BASE + IMPORTED);
      // No file is left over that the list does not hold.
      expect(fs.readdirSync(path.join(dir, 'conversations')).filter((f) => f.endsWith('.json'))).toHaveLength(
        listed,
      );

      const again = store.import(fs.readFileSync(file, 'utf8'));
      expect(again.imported.length + (again.skipped ?? 0)).toBe(IMPORTED);
      expect(store.list()).toHaveLength(BASE + IMPORTED);
      const counts = titleCounts(store);
      for (const title of titles) expect(counts.get(title), title).toBe(1);
      expect(store.list().filter((s) => s.pinned)).toHaveLength(titles.filter((_, i) => i % 11 === 0).length);

      const third = store.import(fs.readFileSync(file, 'utf8'));
      expect(third).toMatchObject({ imported: [], skipped: IMPORTED });
      store.close();
      const reopened = ConversationStore.open({ dir, openStore: openConfStore });
      expect(reopened.list()).toHaveLength(BASE + IMPORTED);
      expect(reopened.problems()).toEqual([]);
      reopened.close();
    }
    console.info(
      `[import-crash] seed ${startSeed}: import takes ${span} ms; ${outcomes.none} rolled back, ${outcomes.all} complete`,
    );
  }, 180_000);
});
