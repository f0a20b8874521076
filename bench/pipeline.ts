import OpenAI from 'openai';
import WebSocket from 'ws';
import type { AppCore } from '../electron/app/create-app';
import type { BrowserHost } from '../electron/host/browser-host';
import type { HostServerMessage } from '../shared/contract/api';
import type { ChatStreamEvent } from '../shared/contract/chat-stream';
import type { CompareStreamEvent } from '../shared/domain/compare';
import type { TestServer } from '../tests/support/openai-test-server';
import { BENCH_TOKEN, clock, RUNS } from './bench-env';
import { median, percentile } from './table';

/**
 * What our pipeline adds on top of the backend, measured against a direct SDK call on the same
 * test server in the same run: first-token latency and sustained rate, through the browser host and
 * through a compare cell.
 */
export interface Sample {
  firstTokenLatencyMs: number;
  tokensPerSecond: number;
}

export async function directSdk(server: TestServer): Promise<Sample> {
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

export async function hostPipeline(server: TestServer, host: BrowserHost): Promise<Sample> {
  const origin = `http://127.0.0.1:${host.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, {
    headers: { origin, cookie: `assistant_token=${BENCH_TOKEN}` },
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
      // The answer's text is what a reader waits for (a reasoning reply thinks first).
      if (event.type === 'delta' && event.kind === 'text') {
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
export async function compareCells(server: TestServer, core: AppCore, profileId: string) {
  const samples: Sample[] = [];
  const measured: number[] = [];
  const cellDeltas = new Map<number, { first?: number; last: number }>();
  let ended: () => void = () => {};
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name !== 'compare.stream') return;
    const event = payload as CompareStreamEvent;
    if (event.type === 'cell-delta' && event.kind === 'text') {
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

export function summarise(name: string, samples: Sample[]) {
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
