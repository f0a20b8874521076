import type { documentFormats } from '../../../shared/domain/attachment-limits';

export type DocumentFormat = (typeof documentFormats)[number];

/**
 * A text file's characters: UTF-8 (a BOM dropped), or UTF-16 when a BOM says so. Undefined means it
 * is not text: invalid UTF-8, or a NUL byte (which no text file holds and nearly every binary does).
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      return noNul(new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)));
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return noNul(new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)));
    if (bytes.includes(0)) return undefined;
    // ignoreBOM: false (the default) drops a UTF-8 BOM.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const noNul = (text: string): string | undefined => (text.includes('\0') ? undefined : text);

const codeExtensions = new Set(
  (
    'c h cc cpp cxx hpp hh cs java kt kts scala go rs swift m mm py pyi rb php pl pm lua r jl dart ' +
    'js mjs cjs jsx ts mts cts tsx vue svelte css scss sass less html htm xml svg xsl sql sh bash zsh ' +
    'fish ps1 bat cmd yaml yml toml ini cfg conf properties gradle cmake make mk dockerfile tf hcl ' +
    'proto graphql gql ex exs erl hrl hs ml mli fs fsx clj cljs elm nim zig v asm s tex diff patch'
  ).split(' '),
);
const codeNames = new Set(['makefile', 'dockerfile', 'cmakelists.txt', 'gemfile', 'rakefile', 'justfile']);

/** The format by the file's name (its bytes were already found to be text). */
export function textFormat(name: string): DocumentFormat {
  const lower = name.toLowerCase();
  const dot = lower.lastIndexOf('.');
  const ext = dot > 0 ? lower.slice(dot + 1) : '';
  if (ext === 'md' || ext === 'markdown' || ext === 'mdx') return 'markdown';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'json' || ext === 'jsonl' || ext === 'ndjson' || ext === 'geojson') return 'json';
  if (codeExtensions.has(ext) || codeNames.has(lower)) return 'code';
  return 'text';
}

export const formatMimeTypes: Record<DocumentFormat, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  code: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  pdf: 'application/pdf',
};
