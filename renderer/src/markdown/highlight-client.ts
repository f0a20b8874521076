import type { CodeLine } from './code-lines';

export interface HighlightRequest {
  id: number;
  code: string;
  language: string;
}

export type HighlightReply =
  | { id: number; index: number; lines: CodeLine[] }
  | { id: number; done: true }
  | { id: number; failed: true };

export interface HighlightListener {
  /** The highlighted lines of slice `index` (CODE_CHUNK_LINES lines each). */
  slice(index: number, lines: CodeLine[]): void;
  /** Highlighting is not available (no worker, or it failed): the code stays plain. */
  failed(): void;
}

/** One worker for the page, made on first use; `null` once it proved unusable. */
let worker: Worker | null | undefined;
let nextId = 1;
const listeners = new Map<number, HighlightListener>();

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./highlight-worker.ts', import.meta.url), {
      type: 'module',
      name: 'code-highlighter',
    });
  } catch {
    worker = null;
    return worker;
  }
  worker.addEventListener('message', (event: MessageEvent<HighlightReply>) => {
    const reply = event.data;
    const listener = listeners.get(reply.id);
    if (!listener) return;
    if ('lines' in reply) listener.slice(reply.index, reply.lines);
    else {
      listeners.delete(reply.id);
      if ('failed' in reply) listener.failed();
    }
  });
  // A worker that cannot load (a CSP or protocol that refuses it) fails every request, now and later.
  worker.addEventListener('error', () => {
    worker?.terminate();
    worker = null;
    for (const listener of listeners.values()) listener.failed();
    listeners.clear();
  });
  return worker;
}

/** Highlights in the background; returns a cancel function (its answers are then ignored). */
export function highlightInBackground(
  code: string,
  language: string,
  listener: HighlightListener,
): () => void {
  const target = typeof Worker === 'undefined' ? null : startWorker();
  if (!target) {
    listener.failed();
    return () => {};
  }
  const id = nextId++;
  listeners.set(id, listener);
  target.postMessage({ id, code, language } satisfies HighlightRequest);
  return () => {
    listeners.delete(id);
  };
}
