import type { BrowserHost } from '../electron/host/browser-host';
import { launchChromium, LONG_OPENS } from './bench-env';
import { median } from './table';

/** The long thread the renderer opens: 1,000 messages, a fenced code block in every third reply. */
export const LONG_THREAD = {
  id: 'bench-long-thread',
  title: 'Bench: a 1,000-message thread',
  messages: 1_000,
};

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
export async function rendererLongThread(host: BrowserHost) {
  const browser = await launchChromium();
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
