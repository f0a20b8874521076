import type { Page } from '@playwright/test';

/**
 * Measurements taken inside the page. They are passed as source text (the bench's own transpiler
 * would add helpers the page lacks) and read back with `page.evaluate`.
 */
export interface PageProbe {
  /** Every main-thread task over 50 ms since the probe started (PerformanceObserver 'longtask'). */
  longTasks: number[];
  /** Time between consecutive animation frames while recording. */
  frames: number[];
  /** From the probe's start: when the reply settled, and the log's last DOM change before that. */
  settledMs: number;
  lastMutationMs: number;
}

const install = `() => {
  const probe = { longTasks: [], frames: [], settledMs: 0, lastMutationMs: 0, started: performance.now() };
  window.__benchProbe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  const log = document.querySelector('[role="log"]') || document.body;
  new MutationObserver(() => (probe.lastMutationMs = performance.now() - probe.started)).observe(log, {
    subtree: true, childList: true, characterData: true, attributes: true,
  });
  let previous = performance.now();
  probe.recording = true;
  const frame = (now) => {
    if (!probe.recording) return;
    probe.frames.push(now - previous);
    previous = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame((now) => { previous = now; requestAnimationFrame(frame); });
}`;

/**
 * Settled: the last reply is complete, and no markdown or code block in the log is still being
 * mounted or highlighted (their \`data-render\` is "done"). Checked every frame.
 */
const settle = `(previousId) => new Promise((resolve) => {
  const probe = window.__benchProbe;
  const check = () => {
    const replies = document.querySelectorAll('[role="log"] [data-role="assistant"]');
    const last = replies[replies.length - 1];
    const done = last && last.getAttribute('data-status') !== 'streaming' &&
      last.getAttribute('data-message-id') !== previousId &&
      !document.querySelector('[role="log"] [data-render="pending"]');
    if (done) {
      if (probe) {
        probe.settledMs = performance.now() - probe.started;
        probe.recording = false;
      }
      // One more frame, so a task that ended the render is reported before reading.
      requestAnimationFrame(() => setTimeout(() => resolve(last.getAttribute('data-message-id')), 50));
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

export async function startProbe(page: Page): Promise<void> {
  await page.evaluate(`(${install})()`);
}

/** Waits until a reply other than `previousId` is complete and rendered; returns its id. */
export async function waitSettled(page: Page, previousId: string | null = null): Promise<string | null> {
  return (await page.evaluate(`(${settle})(${JSON.stringify(previousId)})`)) as string | null;
}

export async function readProbe(page: Page): Promise<PageProbe> {
  return (await page.evaluate('window.__benchProbe')) as PageProbe;
}

/** The id of the last reply in the transcript, if any. */
export async function lastReplyId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const replies = document.querySelectorAll('[role="log"] [data-role="assistant"]');
    return replies[replies.length - 1]?.getAttribute('data-message-id') ?? null;
  });
}

export async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
}

/**
 * Sends each text from the message box in turn, each once the reply before it has settled, all
 * inside the page: for the many replies of the heap benchmark, without a round trip per step.
 * Returns the last reply's id.
 */
const sendEach = `async (texts) => {
  const box = document.querySelector('textarea[aria-label="Message"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const lastReply = () => {
    const replies = document.querySelectorAll('[role="log"] [data-role="assistant"]');
    return replies[replies.length - 1];
  };
  let previous = lastReply()?.getAttribute('data-message-id') ?? null;
  for (const text of texts) {
    setValue.call(box, text);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await frame();
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    for (;;) {
      await frame();
      const last = lastReply();
      const id = last?.getAttribute('data-message-id') ?? null;
      if (last && id !== previous && last.getAttribute('data-status') !== 'streaming' &&
          !document.querySelector('[role="log"] [data-render="pending"]')) {
        previous = id;
        break;
      }
    }
  }
  return previous;
}`;

export async function sendEachSettled(page: Page, texts: string[]): Promise<string | null> {
  return (await page.evaluate(`(${sendEach})(${JSON.stringify(texts)})`)) as string | null;
}
