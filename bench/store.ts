import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConversationSummary, Message } from '../shared/domain/conversation';
import { answerText, textParts } from '../shared/domain/message-content';
import { ConversationStore } from '../electron/services/store/conversation-store';
import { openConfStore } from '../electron/services/store/open-conf-store';
import {
  SCHEMA_VERSION,
  type ConversationFile,
  type IndexFile,
} from '../electron/services/store/store-schema';
import { median, printTable } from './table';

/**
 * `npm run bench` (or `tsx bench/store.ts`): the conversation store at 10,000 conversations and
 * 200,000 messages, generated into a temp folder through the store's own file layer (`conf`, as
 * the browser host uses it). Reports only; nothing here fails on a number.
 */
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200_000);
const BIG = 1_000;

const WORDS = (
  'the a to of and model token context window llama quantisation gpu memory server latency stream reply prompt ' +
  'system python rust typescript function error install ollama litellm embedding vector batch cache kernel driver ' +
  'linux windows macos download weights layer attention head temperature sampling'
).split(' ');

let seed = 42;
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

function sentence(words: number, rare?: string): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]!);
  if (rare) out.splice(Math.floor(random() * out.length), 0, rare);
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function messagesFor(id: string, count: number, start: number, rare?: string): Message[] {
  return Array.from({ length: count }, (_, i) => {
    const user = i % 2 === 0;
    return {
      id: `${id}-m${i}`,
      role: user ? 'user' : 'assistant',
      parts: textParts(
        user
          ? sentence(12 + Math.floor(random() * 20))
          : sentence(40 + Math.floor(random() * 60), i === 1 ? rare : undefined),
      ),
      createdAt: start + i * 1000,
      status: 'complete',
      ...(user ? {} : { model: 'llama3.2:3b', finishReason: 'stop' }),
    } satisfies Message;
  });
}

/** Writes the folder as the app would have: one file per conversation and the index, all through `conf`. */
function generate(dir: string): { bigId: string; smallId: string; seconds: number } {
  const started = performance.now();
  const summaries: Record<string, ConversationSummary> = {};
  const perConversation = (MESSAGES - BIG) / (CONVERSATIONS - 1);
  let written = 0;
  for (let n = 0; n < CONVERSATIONS; n++) {
    const id = `c${String(n).padStart(5, '0')}`;
    const count = n === 0 ? BIG : Math.round((n + 1) * perConversation) - Math.round(n * perConversation);
    written += count;
    const createdAt = Date.UTC(2024, 0, 1) + n * 60_000;
    // A rare word in every 2,000th conversation, to measure a search with few hits.
    const messages = messagesFor(id, count, createdAt, n % 2000 === 1 ? 'zeppelin' : undefined);
    const file: ConversationFile = { schemaVersion: SCHEMA_VERSION, id, createdAt, messages };
    openConfStore({ cwd: join(dir, 'conversations'), name: id, defaults: {} }).store = file;
    summaries[id] = {
      id,
      title: messages[0] ? answerText(messages[0]).slice(0, 60) : 'New chat',
      createdAt,
      updatedAt: messages.at(-1)?.createdAt ?? createdAt,
      messageCount: messages.length,
      model: 'llama3.2:3b',
    };
  }
  const index: IndexFile = {
    schemaVersion: SCHEMA_VERSION,
    settings: {},
    conversations: summaries,
    trash: {},
  };
  openConfStore({ cwd: dir, name: 'index', defaults: {} }).store = index;
  if (written !== MESSAGES) throw new Error(`generated ${written} messages, not ${MESSAGES}`);
  return { bigId: 'c00000', smallId: 'c00001', seconds: (performance.now() - started) / 1000 };
}

const time = <T>(fn: () => T): [number, T] => {
  const t = performance.now();
  const value = fn();
  return [performance.now() - t, value];
};

const timeAsync = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
};

export async function runStoreBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  try {
    console.log(`\nGenerating ${CONVERSATIONS} conversations with ${MESSAGES} messages in ${dir} …`);
    const { bigId, smallId, seconds } = generate(dir);
    console.log(`Generated in ${seconds.toFixed(1)} s.`);
    const open = () => ConversationStore.open({ dir, openStore: openConfStore });

    const startups: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [ms, store] = time(open);
      startups.push(ms);
      store.close();
    }
    const store = open();
    const lists: number[] = [];
    for (let i = 0; i < 5; i++) lists.push(time(() => store.list())[0]);
    const [openBigMs, big] = time(() => store.get(bigId));
    const [getAgainMs] = time(() => store.get(bigId));
    let n = 0;
    const append = (id: string) => () =>
      store.appendMessage(id, {
        id: `bench-${++n}`,
        role: 'user',
        parts: textParts('One more question about the context window.'),
        createdAt: Date.now(),
        status: 'complete',
      });
    const appendsBig = Array.from({ length: 10 }, () => time(append(bigId))[0]);
    const appendsSmall = Array.from({ length: 10 }, () => time(append(smallId))[0]);

    const heapBefore = process.memoryUsage().heapUsed;
    let ticks = 0;
    let longestGapMs = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
      ticks++;
    }, 5);
    const [firstSearchMs, firstHits] = await timeAsync(() => store.search('zeppelin'));
    clearInterval(probe);
    const heapAfter = process.memoryUsage().heapUsed;
    const warm = async (query: string) => {
      const runs: number[] = [];
      let hits = 0;
      for (let i = 0; i < 7; i++) {
        const [ms, found] = await timeAsync(() => store.search(query));
        runs.push(ms);
        hits = found.length;
      }
      return { ms: median(runs), hits };
    };
    const rare = await warm('zeppelin');
    const common = await warm('context window');
    const none = await warm('no such phrase anywhere');
    store.close();

    printTable(
      `Conversation store: ${CONVERSATIONS} conversations, ${MESSAGES} messages (conf, temp folder)`,
      [
        {
          operation: 'startup: open the store (index only), median of 5',
          ms: median(startups),
          detail: `first ${startups[0]!.toFixed(1)} ms`,
        },
        {
          operation: 'list all summaries, median of 5',
          ms: median(lists),
          detail: `${store.list().length} summaries`,
        },
        {
          operation: `open the ${BIG}-message conversation (read + validate)`,
          ms: openBigMs,
          detail: `${big?.messages.length ?? 0} messages; again from memory ${getAgainMs.toFixed(1)} ms`,
        },
        {
          operation: `append a message to the ${BIG}-message conversation, median of 10`,
          ms: median(appendsBig),
          detail: 'whole file rewritten, atomically',
        },
        {
          operation: 'append a message to a 20-message conversation, median of 10',
          ms: median(appendsSmall),
          detail: '',
        },
        {
          operation: 'first search (builds the message index)',
          ms: firstSearchMs,
          detail: `${firstHits.length} hits; event loop turned ${ticks}x, longest gap ${longestGapMs.toFixed(0)} ms; heap +${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB`,
        },
        { operation: 'warm search, rare word, median of 7', ms: rare.ms, detail: `${rare.hits} hits` },
        {
          operation: 'warm search, common phrase, median of 7',
          ms: common.ms,
          detail: `${common.hits} hits (limit 50)`,
        },
        {
          operation: 'warm search, no hit (scans all text), median of 7',
          ms: none.ms,
          detail: `${none.hits} hits`,
        },
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runStoreBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
