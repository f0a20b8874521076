import { createRequire } from 'node:module';
import path from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Pages read from one PDF at most; a longer one is refused rather than silently cut. */
export const PDF_PAGES_MAX = 2_000;
/** Reading stops (and the PDF is refused) after this long, so a hostile file cannot hold main. */
export const PDF_READ_MS = 30_000;

export type PdfText =
  | { kind: 'ok'; text: string; pages: number }
  | { kind: 'no-text'; pages: number }
  | { kind: 'password' }
  | { kind: 'too-many-pages'; pages: number }
  | { kind: 'too-slow' }
  | { kind: 'unreadable'; reason: string };

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdfjs reads page transforms with `DOMMatrix`, which Node lacks; it polyfills it only from its
 * optional native canvas, which the packaged app leaves out (no native modules). A pure-JS shim
 * stands in, set before pdfjs loads.
 */
async function loadPdfJs(): Promise<PdfJs> {
  if (globalThis.DOMMatrix === undefined) {
    const { default: CSSMatrix } = await import('@thednp/dommatrix');
    (globalThis as { DOMMatrix?: unknown }).DOMMatrix = CSSMatrix;
  }
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

/**
 * The text layer of a PDF, page by page, with pdfjs-dist's legacy build in Node (its "fake worker"
 * runs in this thread between awaits; no eval, no fonts loaded). Loaded on first use: it is large.
 */
export async function readPdfText(bytes: Uint8Array, now: () => number = Date.now): Promise<PdfText> {
  const { getDocument } = await (pdfjs ??= loadPdfJs());
  const deadline = now() + PDF_READ_MS;
  // pdfjs takes ownership of (and detaches) the buffer it is given: give it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    ...packageData(),
  });
  const timer = setTimeout(() => void task.destroy(), PDF_READ_MS);
  try {
    const doc = await task.promise;
    if (doc.numPages > PDF_PAGES_MAX) return { kind: 'too-many-pages', pages: doc.numPages };
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (now() > deadline) return { kind: 'too-slow' };
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text.trim());
      page.cleanup();
    }
    const text = pages.join('\n\n').trim();
    return text === '' ? { kind: 'no-text', pages: doc.numPages } : { kind: 'ok', text, pages: doc.numPages };
  } catch (error) {
    if (now() > deadline) return { kind: 'too-slow' };
    if (error instanceof Error && error.name === 'PasswordException') return { kind: 'password' };
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

/**
 * The character maps (CJK text is read through them) and standard font data that ship with
 * pdfjs-dist, as folder paths its Node build reads; without them such text would come out empty.
 */
function packageData(): { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string } {
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return {
      cMapUrl: `${path.join(root, 'cmaps')}${path.sep}`,
      cMapPacked: true,
      standardFontDataUrl: `${path.join(root, 'standard_fonts')}${path.sep}`,
    };
  } catch {
    return {};
  }
}
