import type { BrowserHost } from '../electron/host/browser-host';
import type { TestServer } from '../tests/support/openai-test-server';
import { FRAME_TPS, launchChromium } from './bench-env';
import { lastReplyId, readProbe, send, startProbe, waitSettled } from './page-probes';
import { REASONING_TEXT, richAnswer, thinkThenAnswer } from './replies';
import { percentile } from './table';

/** The thread the reply streams into: 1,000 messages, code every third reply. */
export const FRAME_THREAD = {
  id: 'bench-frame-thread',
  title: 'Bench: frames in a long thread',
  messages: 1_000,
};

/**
 * Frame times in Chromium while a reply that reasons, then answers in markdown with a table and
 * code, streams at FRAME_TPS tokens/s into the open 1,000-message thread: from Enter until the
 * reply is complete and rendered. The goal is p95 ≤ 16.7 ms (every frame on time at 60 Hz).
 */
export async function frameTimes(server: TestServer, host: BrowserHost) {
  const browser = await launchChromium();
  const undo = thinkThenAnswer(server, REASONING_TEXT, richAnswer());
  server.setTokensPerSecond(FRAME_TPS);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByText(FRAME_THREAD.title)
      .first()
      .click();
    await page.locator(`[data-message-id="${FRAME_THREAD.id}-m${FRAME_THREAD.messages - 1}"]`).waitFor();
    const previous = await lastReplyId(page);
    await startProbe(page);
    const started = Date.now();
    await send(page, 'Plan the month, with code');
    await waitSettled(page, previous);
    const seconds = (Date.now() - started) / 1000;
    const probe = await readProbe(page);
    const frames = probe.frames;
    return [
      {
        reply: `reasoning, then markdown and code at ${FRAME_TPS} tok/s`,
        tokens: server.timings.at(-1)?.tokens ?? 0,
        seconds,
        frames: frames.length,
        'frame p50 (ms)': percentile(frames, 50),
        'frame p95 (ms)': percentile(frames, 95),
        'frame max (ms)': Math.max(0, ...frames),
        // Frames come at whole vsyncs (16.7 ms at 60 Hz): one later than that missed its slot.
        'frames late (> 17.5 ms)': frames.filter((f) => f > 17.5).length,
        'longest task (ms)': Math.max(0, ...probe.longTasks),
      },
    ];
  } finally {
    undo();
    server.setTokensPerSecond(0);
    await browser.close();
  }
}
