import { fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerText } from '../../shared/domain/message-content';
import type { MessagePart } from '../../shared/domain/message-parts';

/**
 * A data folder that cannot be written, as the user sees it: every write (a streaming reply's
 * checkpoint and final save, new conversations, messages, rename, pin, delete, import, profiles)
 * answers "The data folder PATH cannot be written: permission denied" with the fix. Root ignores
 * permissions, so the app runs as `nobody` (uid 65534) in a child process, and the test takes the
 * folder's write permission away while a reply streams.
 */
const NOBODY = 65534;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'store-readonly-'));
afterAll(() => {
  spawnSync('chmod', ['-R', 'u+w', work]);
  // A writer child may still be closing its files as the suite ends: a temp folder left behind is
  // not a failure of what this suite checks.
  try {
    fs.rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (error) {
    console.warn(`[store-readonly] left ${work} behind:`, error);
  }
});

const canRunAsNobody = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync(process.execPath, ['-e', 'process.exit(0)'], { uid: NOBODY, gid: NOBODY });
  return probe.status === 0;
})();
if (!canRunAsNobody) {
  console.warn(
    '[store-readonly] SKIPPED: this test needs to start a process as uid 65534 (run the tests as root); a read-only data folder was NOT checked',
  );
}

/** An event as the child saw it: only the fields checked here. */
type Payload = {
  type?: string;
  reason?: string;
  error: { message: string };
  message: { parts: MessagePart[] };
};
type Answer = { ok: boolean; error?: { code: string; message: string; fix: string; detail?: string } };

describe.runIf(canRunAsNobody)('a data folder that cannot be written', () => {
  it('says which folder, why, and what fixes it, for every write including a streaming reply', async () => {
    fs.chmodSync(work, 0o755);
    const dataDir = path.join(work, 'data');
    fs.mkdirSync(dataDir);
    fs.chownSync(dataDir, NOBODY, NOBODY);
    const child = fork(path.resolve('tests/fixtures/readonly-writer.ts'), [dataDir], {
      execArgv: ['--import', 'tsx'],
      uid: NOBODY,
      gid: NOBODY,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const result = await new Promise<{
      answers: Record<string, Answer>;
      events: { name: string; payload: Payload }[];
    }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no result in time:\n${stderr}`)), 90_000);
      child.on('message', (message: { kind: string; answers?: never; events?: never; error?: string }) => {
        if (message.kind === 'streaming') {
          // While the reply streams: nobody may write the folder or anything in it any more.
          spawnSync('chmod', ['-R', 'a-w', dataDir]);
          child.send('locked');
        } else if (message.kind === 'result') {
          clearTimeout(timer);
          resolve({ answers: message.answers!, events: message.events! });
        } else {
          clearTimeout(timer);
          reject(new Error(`${message.error}\n${stderr}`));
        }
      });
      child.on('exit', (code) => code !== 0 && reject(new Error(`writer exited with ${code}:\n${stderr}`)));
    });

    const refused = new RegExp(`^The data folder ${dataDir} cannot be written: permission denied`);
    expect(result.answers.sent?.ok).toBe(true);
    for (const [route, answer] of Object.entries(result.answers)) {
      if (route === 'sent') continue;
      expect(answer.ok, route).toBe(false);
      expect(answer.error?.message, route).toMatch(refused);
      expect(answer.error?.fix, route).toMatch(
        /write permission on that folder, or start the app with another data folder/,
      );
    }
    // The streaming reply: its checkpoint failure is reported once, and its final save fails with the same words.
    const problems = result.events.filter((e) => e.name === 'store.problem').map((e) => e.payload);
    expect(problems).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(
          /reply streaming into it could not be saved: The data folder .* permission denied/,
        ),
      }),
    ]);
    const end = result.events.find((e) => e.name === 'chat.stream' && e.payload.type === 'failed')?.payload;
    expect(end?.error.message).toMatch(refused);
    expect(answerText(end!.message).length).toBeGreaterThan(0); // the text stays on screen
  }, 120_000);
});
