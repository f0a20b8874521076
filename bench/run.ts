import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../electron/app/create-app';
import { startBrowserHost } from '../electron/host/browser-host';
import { openConfStore } from '../electron/services/store/open-conf-store';
import type { ProfileList } from '../shared/contract/routes';
import { seedDataDir, seedThread } from '../tests/support/long-conversation';
import { startTestServer } from '../tests/support/openai-test-server';
import { BENCH_TOKEN, RUNS, TOKENS } from './bench-env';
import { bigOutput } from './big-output';
import { coldStart } from './cold-start';
import { FRAME_THREAD, frameTimes } from './frame-times';
import { heapGrowth } from './heap';
import { LONG_THREAD, rendererLongThread } from './long-thread';
import { compareCells, directSdk, hostPipeline, summarise, type Sample } from './pipeline';
import { rendererCommits } from './renderer-commits';
import { runStoreBench } from './store';
import { median, printTable } from './table';

/**
 * `npm run bench`: what our pipeline adds on top of the backend, measured against a direct SDK call
 * on the same test server in the same run, then the renderer in Chromium (commits, a long thread,
 * frame times, huge replies, heap growth), the host's cold start, and the store. Reports only;
 * timings never fail anything. Sizes: see bench-env.ts.
 */
async function main() {
  const server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 0 });
  const tokenReply = () => 'token '.repeat(TOKENS).trimEnd();
  server.setReply(tokenReply);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
  // Written before the app starts, as the app would have saved it; pinned, so the list shows them first.
  seedDataDir(
    dataDir,
    [LONG_THREAD, FRAME_THREAD].map((thread) => ({
      id: thread.id,
      title: thread.title,
      messages: seedThread(thread.id, thread.messages, { codeEvery: 3 }),
      pinned: true,
    })),
  );
  const core = createApp({
    dataDir,
    openStore: openConfStore,
    backend: { baseUrl: server.url, model: 'llama3.2:1b' },
  });
  const host = await startBrowserHost({
    core,
    rendererDir: resolve('dist/renderer'),
    port: 0,
    token: BENCH_TOKEN,
  });
  try {
    console.log(
      `Benchmark: ${RUNS} runs of a ${TOKENS}-token reply from the test server at full speed, alternating pipelines.`,
    );
    const direct: Sample[] = [];
    const piped: Sample[] = [];
    await directSdk(server); // warm-up: JIT and connection pools
    await hostPipeline(server, host);
    for (let i = 0; i < RUNS; i++) {
      direct.push(await directSdk(server));
      piped.push(await hostPipeline(server, host));
    }
    const baseline = summarise('direct SDK call (baseline)', direct);
    const ours = summarise('browser host: SDK → chat service → store → WebSocket', piped);
    printTable('Backend first token → receiver, and sustained rate', [baseline, ours]);
    const added = ours['first-token latency p50 (ms)'] - baseline['first-token latency p50 (ms)'];
    const ratio = (100 * ours['tokens/s p50']) / Math.max(1, baseline['tokens/s p50']);
    console.log(
      `Added first-token latency (p50): ${added.toFixed(2)} ms; sustained rate: ${ratio.toFixed(0)}% of the direct call.`,
    );
    const profileId = ((await core.router.dispatch('profiles.list', undefined)) as { value: ProfileList })
      .value.defaultProfileId;
    await compareCells(server, core, profileId); // warm-up
    const cells = await compareCells(server, core, profileId);
    const direct2: Sample[] = [];
    for (let i = 0; i < RUNS; i++) direct2.push(await directSdk(server));
    printTable('Compare cells: backend first token → event bus, and sustained rate', [
      summarise('direct SDK call (baseline)', direct2),
      summarise('compare cell: SDK → stream primitive → compare service → event bus', cells.samples),
    ]);
    console.log(
      `Tokens/s the cells recorded in their metrics (p50): ${Math.round(median(cells.measuredTokensPerSecond))}.`,
    );
    printTable(
      'Renderer commits while streaming (Chromium, browser host)',
      await rendererCommits(server, host),
    );
    printTable(
      'Renderer: opening a long thread (Chromium, browser host, virtualised transcript)',
      await rendererLongThread(host),
    );
    printTable(
      'Renderer: frame times while a reply streams into a 1,000-message thread (goal: p95 ≤ 16.7 ms)',
      await frameTimes(server, host),
    );
    printTable(
      'Renderer: huge replies, streamed and reopened (goal: no task over 100 ms)',
      await bigOutput(server, host),
    );
    printTable(
      'Heap growth over many replies, after garbage collection (goal: ≤ 10 MB each)',
      await heapGrowth(server, host),
    );
    server.setReply(tokenReply);
    printTable('Browser host cold start → interactive page', await coldStart(server));
  } finally {
    await host.close();
    await core.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// The conversation store at 10,000 conversations runs last: it needs no server or browser.
main()
  .then(() => runStoreBench())
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
