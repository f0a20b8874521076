import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import WebSocket from 'ws';
import { chromium } from '@playwright/test';
import { createApp, type AppCore } from '../electron/app/create-app';
import { startBrowserHost, type BrowserHost } from '../electron/host/browser-host';
import { openConfStore } from '../electron/services/store/open-conf-store';
import type { HostServerMessage } from '../shared/contract/api';
import type { ChatStreamEvent } from '../shared/contract/chat-stream';
import type { ProfileList } from '../shared/contract/routes';
import type { CompareStreamEvent } from '../shared/domain/compare';
import { seedDataDir, seedThread } from '../tests/support/long-conversation';
import { startTestServer, type TestServer } from '../tests/support/openai-test-server';
import { chromiumArgs, chromiumPath } from '../playwright.config';
import { median, percentile, printTable } from './table';
import { runStoreBench } from './store';

/**
 * `npm run bench`: what our pipeline adds on top of the backend, measured against a direct SDK call
 * on the same test server in the same run. Reports only; timings never fail anything.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 2_000);
const clock = () => performance.timeOrigin + performance.now();

interface Sample {
  firstTokenLatencyMs: number;
  tokensPerSecond: number;
}

async function directSdk(server: TestServer): Promise<Sample> {
  const client = new OpenAI({ baseURL: server.url, apiKey: 'bench', maxRetries: 0 });
  const stream = await client.chat.completions.create({
    model: 'llama3.2:1b',
    messages: [{ role: 'user', content: 'go' }],
    stream: true,
  });
  let first: number | undefined;
  let last = 0;
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta?.content) {
      first ??= clock();
      last = clock();
    }
  }
  const timing = server.timings.at(-1);
  return sample(first, last, timing?.firstTokenAt, timing?.tokens ?? 0);
}

async function hostPipeline(server: TestServer, host: BrowserHost): Promise<Sample> {
  const origin = `http://127.0.0.1:${host.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, {
    headers: { origin, cookie: `assistant_token=${benchToken}` },
  });
  await new Promise((r, j) => ws.on('open', r).on('error', j));
  let first: number | undefined;
  let last = 0;
  let id = 0;
  const results = new Map<number, (v: unknown) => void>();
  let finished: () => void = () => {};
  const done = new Promise<void>((r) => (finished = r));
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as HostServerMessage;
    if (message.kind === 'result') results.get(message.id)?.(message.result);
    else if (message.kind === 'event' && message.name === 'chat.stream') {
      const event = message.payload as ChatStreamEvent;
      if (event.type === 'delta') {
        first ??= clock();
        last = clock();
      } else if (event.type === 'finished' || event.type === 'failed' || event.type === 'cancelled')
        finished();
    }
  });
  const invoke = (route: string, input?: unknown) =>
    new Promise<{ ok: boolean; value: { id: string } }>((r) => {
      const n = ++id;
      results.set(n, r as (v: unknown) => void);
      ws.send(JSON.stringify({ kind: 'invoke', id: n, route, input }));
    });
  const conversation = await invoke('conversations.create');
  await invoke('chat.send', { conversationId: conversation.value.id, text: 'go' });
  await done;
  ws.close();
  const timing = server.timings.at(-1);
  return sample(first, last, timing?.firstTokenAt, timing?.tokens ?? 0);
}

/**
 * One compare run (one prompt, the same profile as two pairs, sequential) through the router, timed
 * at the event bus: what the shared stream primitive and the compare service add, and the cell's
 * own metrics next to what a plain client saw.
 */
async function compareCells(server: TestServer, core: AppCore, profileId: string) {
  const samples: Sample[] = [];
  const measured: number[] = [];
  const cellDeltas = new Map<number, { first?: number; last: number }>();
  let ended: () => void = () => {};
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name !== 'compare.stream') return;
    const event = payload as CompareStreamEvent;
    if (event.type === 'cell-delta') {
      const seen = cellDeltas.get(event.pairIndex) ?? { last: 0 };
      seen.first ??= clock();
      seen.last = clock();
      cellDeltas.set(event.pairIndex, seen);
    } else if (event.type === 'run-finished') {
      for (const cell of event.run.cells)
        if (cell.metrics?.tokensPerSecond !== undefined) measured.push(cell.metrics.tokensPerSecond);
      ended();
    }
  });
  try {
    for (let i = 0; i < RUNS; i++) {
      cellDeltas.clear();
      const done = new Promise<void>((r) => (ended = r));
      const before = server.timings.length;
      const started = await core.router.dispatch('compare.start', {
        pairs: [
          { profileId, model: 'llama3.2:1b' },
          { profileId, model: 'llama3.2:1b' },
        ],
        prompts: ['go'],
      });
      if (!started.ok) throw new Error(started.error.message);
      await done;
      for (const [pairIndex, seen] of cellDeltas) {
        const timing = server.timings[before + pairIndex];
        samples.push(sample(seen.first, seen.last, timing?.firstTokenAt, timing?.tokens ?? 0));
      }
    }
  } finally {
    unsubscribe();
  }
  return { samples, measuredTokensPerSecond: measured };
}

function sample(
  first: number | undefined,
  last: number,
  serverFirst: number | undefined,
  tokens: number,
): Sample {
  if (first === undefined || serverFirst === undefined) throw new Error('no tokens arrived');
  return {
    firstTokenLatencyMs: first - serverFirst,
    tokensPerSecond: tokens / Math.max(0.001, (last - first) / 1000),
  };
}

function summarise(name: string, samples: Sample[]) {
  const latency = samples.map((s) => s.firstTokenLatencyMs);
  const tps = samples.map((s) => s.tokensPerSecond);
  return {
    pipeline: name,
    runs: samples.length,
    'first-token latency p50 (ms)': median(latency),
    'p95 (ms)': percentile(latency, 95),
    'tokens/s p50': Math.round(median(tps)),
    'tokens/s min': Math.round(Math.min(...tps)),
  };
}

const benchToken = 'bench-token';

const readStats = () => {
  const stats = (globalThis as { __assistantRenderStats?: { commits: number; blockRenders: number } })
    .__assistantRenderStats;
  return { commits: stats?.commits ?? 0, blockRenders: stats?.blockRenders ?? 0 };
};

async function rendererCommits(server: TestServer, host: BrowserHost) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
  const rows: Record<string, string | number>[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(host.url);
    const composer = page.getByRole('textbox', { name: 'Message' });
    for (const tps of [0, 500]) {
      server.setTokensPerSecond(tps);
      await page.getByRole('button', { name: 'New chat', exact: true }).click();
      const before = await page.evaluate(readStats);
      const started = Date.now();
      await composer.fill('go');
      await composer.press('Enter');
      await page
        .locator('[data-role="assistant"][data-status="complete"]')
        .last()
        .waitFor({ timeout: 60_000 });
      const seconds = (Date.now() - started) / 1000;
      const after = await page.evaluate(readStats);
      const tokens = server.timings.at(-1)?.tokens ?? 0;
      rows.push({
        'backend rate': tps === 0 ? 'unthrottled' : `${tps} tok/s`,
        tokens,
        'stream seconds': seconds,
        'transcript commits': after.commits - before.commits,
        'commits/s': (after.commits - before.commits) / seconds,
        'tokens per commit': tokens / Math.max(1, after.commits - before.commits),
        'markdown block renders': after.blockRenders - before.blockRenders,
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

/** The long thread the renderer opens: 1,000 messages, a fenced code block in every third reply. */
const LONG_THREAD = { id: 'bench-long-thread', title: 'Bench: a 1,000-message thread', messages: 1_000 };
const LONG_OPENS = Number(process.env.BENCH_OPENS ?? 7);

/**
 * Runs in the page (as source text: the bench's own transpiler would add helpers the page lacks):
 * from the next click, waits frame by frame until message `id` is in the transcript and in view.
 */
const watchOpen = `(id) => {
  const read = () => globalThis.__assistantRenderStats || { commits: 0, blockRenders: 0 };
  const before = { ...read() };
  window.__openTiming = new Promise((resolve) => {
    let clicked = 0;
    document.addEventListener('click', () => (clicked = performance.now()), { capture: true, once: true });
    const check = () => {
      const log = document.querySelector('[role="log"]');
      const last = log && log.querySelector('[data-message-id="' + CSS.escape(id) + '"]');
      if (clicked && last && log) {
        const row = last.getBoundingClientRect();
        const view = log.getBoundingClientRect();
        if (row.top < view.bottom && row.bottom > view.top) {
          const now = read();
          resolve({
            ms: performance.now() - clicked,
            rows: log.querySelectorAll('article[data-role]').length,
            blockRenders: now.blockRenders - before.blockRenders,
            commits: now.commits - before.commits,
          });
          return;
        }
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}`;

/**
 * Opening a 1,000-message thread with code blocks in Chromium: from the click on it in the list to
 * its last message shown in the transcript (in the page and in view, checked every frame), and how
 * many message rows the (virtualised) transcript put in the page for it.
 */
async function rendererLongThread(host: BrowserHost) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const lastId = `${LONG_THREAD.id}-m${LONG_THREAD.messages - 1}`;
  const opens: { ms: number; rows: number; blockRenders: number; commits: number }[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    for (let run = 0; run <= LONG_OPENS; run++) {
      // Start from an empty chat, so each open builds the transcript from nothing.
      await page.getByRole('button', { name: 'New chat', exact: true }).click();
      await page.locator(`[data-message-id="${lastId}"]`).waitFor({ state: 'detached' });
      await page.evaluate(`(${watchOpen})(${JSON.stringify(lastId)})`);
      await page
        .getByRole('navigation', { name: 'Conversations' })
        .getByText(LONG_THREAD.title)
        .first()
        .click();
      const opened = (await page.evaluate(
        () => (window as unknown as { __openTiming: Promise<unknown> }).__openTiming,
      )) as (typeof opens)[number];
      if (run > 0) opens.push(opened); // the first open warms up the JIT and the host's cache
    }
  } finally {
    await browser.close();
  }
  const ms = opens.map((o) => o.ms);
  return [
    {
      thread: `${LONG_THREAD.messages.toLocaleString('en-US')} messages, code every 3rd reply`,
      opens: opens.length,
      'click → last message shown p50 (ms)': median(ms),
      'min (ms)': Math.min(...ms),
      'max (ms)': Math.max(...ms),
      'message rows in DOM': median(opens.map((o) => o.rows)),
      'markdown block renders': median(opens.map((o) => o.blockRenders)),
      'transcript commits': median(opens.map((o) => o.commits)),
    },
  ];
}

async function main() {
  const server = await startTestServer({ flavor: 'ollama', tokensPerSecond: 0 });
  server.setReply(() => 'token '.repeat(TOKENS).trimEnd());
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
  // Written before the app starts, as the app would have saved it; pinned, so the list shows it first.
  seedDataDir(dataDir, [
    {
      id: LONG_THREAD.id,
      title: LONG_THREAD.title,
      messages: seedThread(LONG_THREAD.id, LONG_THREAD.messages, { codeEvery: 3 }),
      pinned: true,
    },
  ]);
  const core = createApp({
    dataDir,
    openStore: openConfStore,
    backend: { baseUrl: server.url, model: 'llama3.2:1b' },
  });
  const host = await startBrowserHost({
    core,
    rendererDir: resolve('dist/renderer'),
    port: 0,
    token: benchToken,
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
