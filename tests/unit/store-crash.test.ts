import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/conversation';
import { ConversationStore } from '../../electron/services/store/conversation-store';
import { openConfStore } from '../../electron/services/store/open-conf-store';
import { CRASH_CHECKPOINT_MS, crashText } from '../fixtures/crash-text';
import { textOf } from '../fixtures/store-kit';

/**
 * Kills the process that writes the store (SIGKILL, no chance to flush) at random moments, many
 * times over the same folder, and checks after each kill: every file parses, nothing is reported
 * damaged, every message the writer saw completed is there in full, and a reply that was streaming
 * lost at most what came after its last checkpoint.
 */
const RUNS = Number(process.env.CRASH_RUNS ?? 25);
const writer = path.resolve('tests/fixtures/crash-writer.ts');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'store-crash-'));
const dataDir = path.join(work, 'data');

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Streamed {
  conversationId: string;
  finished: boolean;
  /** Length of every checkpoint update, and of every completed write holding the reply, with their log line. */
  updates: { length: number; line: number }[];
  writes: { length: number; line: number }[];
}

const completed = new Map<string, string>(); // message id → conversation id
const streamed = new Map<string, Streamed>();
const created = new Set<string>();
const trashed = new Map<string, string>(); // conversation id → trash id
const trashing = new Set<string>(); // conversation ids the writer was about to move to the trash

function readLog(file: string): void {
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  lines.forEach((text, line) => {
    const [kind, a = '', b = '', c = ''] = text.split(' ');
    if (kind === 'C') created.add(a);
    else if (kind === 'M') completed.set(b, a);
    else if (kind === 'd') trashing.add(a);
    else if (kind === 'D') trashed.set(a, b);
    else if (kind === 'S') streamed.set(b, { conversationId: a, finished: false, updates: [], writes: [] });
    else if (kind === 'U') streamed.get(b)?.updates.push({ length: Number(c), line });
    else if (kind === 'W') streamed.get(b)?.writes.push({ length: Number(c), line });
    else if (kind === 'F') {
      const s = streamed.get(b);
      if (s) s.finished = true;
      completed.set(b, a);
    }
  });
}

/**
 * The writer sleeps 1 ms between updates, so its event loop's clock advances at least 1 ms per
 * update: CRASH_CHECKPOINT_MS + 1 updates after an update, the checkpoint covering it was due and
 * ran first (timers run in order of expiry). So a write holding at least that update's length must
 * be logged before then. Checked on the log alone, with no wall-clock slack.
 */
const TURNS_PER_CHECKPOINT = CRASH_CHECKPOINT_MS + 1;

function checkCadence(messageId: string, s: Streamed): void {
  s.updates.forEach((update, i) => {
    const later = s.updates[i + TURNS_PER_CHECKPOINT];
    if (!later) return;
    const covered = s.writes.some((w) => w.length >= update.length && w.line < later.line);
    expect(covered, `${messageId}: update ${i} (${update.length} chars) checkpointed in time`).toBe(true);
  });
}

async function runAndKill(run: number, delayMs: number): Promise<void> {
  const logFile = path.join(work, `run-${run}.log`);
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, String(run), logFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`writer did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`writer exited early:\n${output}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  readLog(logFile);
}

function allJsonFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name));
}

function verify(): { messages: number; streaming: number } {
  for (const file of allJsonFiles(dataDir))
    expect(() => JSON.parse(fs.readFileSync(file, 'utf8')), file).not.toThrow();
  const store = ConversationStore.open({ dir: dataDir, openStore: openConfStore });
  try {
    expect(store.problems()).toEqual([]);
    const listed = new Set(store.list().map((s) => s.id));
    const trash = new Map(store.trashList().map((t) => [t.conversationId, t.id]));
    for (const id of created) {
      if (trashed.has(id)) {
        expect(listed.has(id), `${id} was moved to the trash`).toBe(false);
        expect(trash.get(id)).toBe(trashed.get(id));
      } else if (trashing.has(id)) {
        expect(listed.has(id) !== trash.has(id), `${id} is either listed or in the trash`).toBe(true);
      } else expect(listed.has(id), `${id} was created`).toBe(true);
    }
    const cache = new Map<string, Message[]>();
    const messagesOf = (conversationId: string): Message[] => {
      let messages = cache.get(conversationId);
      if (!messages) {
        const trashId = trash.get(conversationId);
        messages = trashId
          ? (
              JSON.parse(fs.readFileSync(path.join(dataDir, 'trash', `${trashId}.json`), 'utf8')) as {
                messages: Message[];
              }
            ).messages
          : (store.get(conversationId)?.messages ?? []);
        cache.set(conversationId, messages);
      }
      return messages;
    };
    for (const [messageId, conversationId] of completed) {
      const found = messagesOf(conversationId).find((m) => m.id === messageId);
      expect(textOf(found), `completed message ${messageId}`).toBe(crashText(messageId));
      expect(found?.status).not.toBe('streaming');
    }
    let streaming = 0;
    for (const [messageId, s] of streamed) {
      if (s.finished) continue;
      streaming++;
      const found = messagesOf(s.conversationId).find((m) => m.id === messageId);
      expect(found, `streamed reply ${messageId}`).toBeDefined();
      const full = crashText(messageId);
      expect(full.startsWith(textOf(found)!), `${messageId} holds a prefix of its text`).toBe(true);
      // Every completed checkpoint write is on disk, so at most the last checkpoint interval is lost.
      expect(textOf(found)!.length).toBeGreaterThanOrEqual(Math.max(0, ...s.writes.map((w) => w.length)));
      const safe = s.updates.at(-1 - TURNS_PER_CHECKPOINT);
      if (safe) expect(textOf(found)!.length).toBeGreaterThanOrEqual(safe.length);
    }
    for (const [messageId, s] of streamed) checkCadence(messageId, s);
    return { messages: completed.size, streaming };
  } finally {
    store.close();
  }
}

describe('crash safety', () => {
  it(`keeps every store readable and every completed message through ${RUNS} SIGKILLs mid-write`, async () => {
    let seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const startSeed = seed;
    let totals = { messages: 0, streaming: 0 };
    for (let run = 1; run <= RUNS; run++) {
      await runAndKill(run, 20 + Math.floor(random() * 280));
      totals = verify();
    }
    console.info(
      `[crash] seed ${startSeed}: ${RUNS} kills, ${created.size} conversations, ${totals.messages} completed messages and ${totals.streaming} cut-off replies checked`,
    );
    expect(totals.messages).toBeGreaterThan(RUNS);
  }, 120_000);
});
