import { CODE_CHUNK_LINES } from './render-limits';
import { highlightCode } from './highlight-code';
import type { HighlightReply, HighlightRequest } from './highlight-client';

/**
 * Highlights large code off the page's main thread (it took 200 ms for 2,000 lines of TypeScript,
 * seconds for 1.5 MB). Answers one message per slice of lines, so the page receives and paints it a
 * slice at a time.
 */
globalThis.addEventListener('message', (event: MessageEvent<HighlightRequest>) => {
  const { id, code, language } = event.data;
  const send = (reply: HighlightReply) => globalThis.postMessage(reply);
  try {
    const lines = highlightCode(code, language);
    for (let from = 0, index = 0; from < lines.length; from += CODE_CHUNK_LINES, index++)
      send({ id, index, lines: lines.slice(from, from + CODE_CHUNK_LINES) });
    send({ id, done: true });
  } catch {
    send({ id, failed: true });
  }
});
