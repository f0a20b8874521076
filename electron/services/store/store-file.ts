import fs from 'node:fs';
import path from 'node:path';
import type { KeyValueFile, OpenStore } from './kv-store';

export type RawFile = Record<string, unknown>;

export type ReadResult =
  | { kind: 'ok'; file: KeyValueFile<RawFile>; data: unknown }
  | { kind: 'missing'; file: KeyValueFile<RawFile> }
  | { kind: 'unparseable'; path: string; reason: string };

/**
 * Opens `<cwd>/<name>.json` without defaults, so opening never writes: a missing file stays missing
 * and a damaged one is not merged with defaults and rewritten. Unparseable JSON is reported, not
 * thrown; other errors (permissions, I/O) are thrown, because moving such a file aside would not help.
 */
export function readStoreFile(openStore: OpenStore, cwd: string, name: string): ReadResult {
  const filePath = path.join(cwd, `${name}.json`);
  try {
    const file = openStore<RawFile>({ cwd, name, defaults: {} });
    if (!fs.existsSync(file.path)) return { kind: 'missing', file };
    return { kind: 'ok', file, data: file.store };
  } catch (error) {
    if (error instanceof Error && error.name === 'SyntaxError') {
      return { kind: 'unparseable', path: filePath, reason: `not valid JSON (${error.message})` };
    }
    throw error;
  }
}

/**
 * Renames a damaged file to `<name>.corrupt-<timestamp>.json` in the same folder, never over an
 * existing file, and returns the new path. The content is left exactly as it was.
 */
export function moveAside(filePath: string, at: number): string {
  const dir = path.dirname(filePath);
  const base = path.basename(filePath, '.json');
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  let target = path.join(dir, `${base}.corrupt-${stamp}.json`);
  for (let n = 1; fs.existsSync(target); n++) target = path.join(dir, `${base}.corrupt-${stamp}-${n}.json`);
  fs.renameSync(filePath, target);
  return target;
}
