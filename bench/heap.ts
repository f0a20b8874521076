import type { BrowserHost } from '../electron/host/browser-host';
import type { TestServer } from '../tests/support/openai-test-server';
import { HEAP_REPLIES, launchChromium } from './bench-env';
import { sendEachSettled } from './page-probes';

/** Replies per conversation: a new chat after each batch, so the growth is not one ever-longer thread. */
const PER_CONVERSATION = 50;
const WARM_UP = 20;
const mb = (bytes: number) => bytes / 1024 / 1024;

function mainHeap(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Heap growth over HEAP_REPLIES short replies sent from the page (unthrottled server), after
 * garbage collection, in the main process (here: this process, which runs the app core and the
 * browser host; needs `node --expose-gc`) and in the renderer (Chromium's heap over CDP). Both are
 * measured from a new, empty chat, after a warm-up. The goal is ≤ 10 MB each.
 */
export async function heapGrowth(server: TestServer, host: BrowserHost) {
  const browser = await launchChromium();
  server.setTokensPerSecond(0);
  server.setReply(() => 'Noted: the **review** is on the list.');
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    const rendererHeap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.goto(host.url);
    const newChat = async () => {
      await page.getByRole('button', { name: 'New chat', exact: true }).click();
      await page.locator('[role="log"] [data-role="assistant"]').first().waitFor({ state: 'detached' });
    };
    const texts = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `Heap reply ${from + i}`);
    await newChat();
    await sendEachSettled(page, texts(0, WARM_UP));
    await newChat();
    const before = { main: mainHeap(), renderer: await rendererHeap() };
    const started = Date.now();
    for (let n = 0; n < HEAP_REPLIES; n += PER_CONVERSATION) {
      await newChat();
      await sendEachSettled(page, texts(n, Math.min(PER_CONVERSATION, HEAP_REPLIES - n)));
    }
    const seconds = (Date.now() - started) / 1000;
    await newChat();
    const after = { main: mainHeap(), renderer: await rendererHeap() };
    const row = (side: string, from: number | undefined, to: number | undefined) => ({
      process: side,
      replies: HEAP_REPLIES,
      seconds,
      'heap before (MB)': from === undefined ? 'n/a' : mb(from),
      'heap after (MB)': to === undefined ? 'n/a' : mb(to),
      'growth (MB)': from === undefined || to === undefined ? 'run with --expose-gc' : mb(to - from),
    });
    return [
      row('main (app core + browser host)', before.main, after.main),
      row('renderer (Chromium page)', before.renderer, after.renderer),
    ];
  } finally {
    await browser.close();
  }
}
