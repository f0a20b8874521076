import fs from 'node:fs';
import path from 'node:path';

/**
 * Copies of the data taken before a migration changes it, in `<dir>/backups/before-v<N>-<time>/`
 * with the same layout (index.json, conversations/, trash/). Only copies: nothing is ever moved
 * or deleted here, and an existing copy is never overwritten.
 */
export function backupBeforeMigration(dir: string, toVersion: number, at: number): string {
  const target = newBackupDir(dir, toVersion, at);
  copyIfPresent(path.join(dir, 'index.json'), path.join(target, 'index.json'));
  for (const folder of ['conversations', 'trash'])
    copyFolder(path.join(dir, folder), path.join(target, folder));
  return target;
}

/**
 * Copies one file (relative to `dir`) into `backupDir`, or into a new backup folder when none was
 * made in this session (a single older file met later, e.g. one put back by hand).
 */
export function backupFile(
  dir: string,
  relative: string,
  toVersion: number,
  at: number,
  backupDir?: string,
): string {
  const target = backupDir ?? newBackupDir(dir, toVersion, at);
  const to = path.join(target, relative);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  if (!fs.existsSync(to)) fs.copyFileSync(path.join(dir, relative), to, fs.constants.COPYFILE_EXCL);
  return target;
}

function newBackupDir(dir: string, toVersion: number, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const base = path.join(dir, 'backups', `before-v${toVersion}-${stamp}`);
  let target = base;
  for (let n = 1; fs.existsSync(target); n++) target = `${base}-${n}`;
  fs.mkdirSync(target, { recursive: true });
  return target;
}

function copyIfPresent(from: string, to: string): void {
  if (fs.existsSync(from)) fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
}

/** The JSON files of a folder (temporary files of an interrupted write are not data). */
function copyFolder(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.json'))
      fs.copyFileSync(path.join(from, entry.name), path.join(to, entry.name), fs.constants.COPYFILE_EXCL);
  }
}

/** Whether some copy made before migrating to `toVersion` already holds `relative`. */
export function findInBackups(dir: string, relative: string, toVersion: number): boolean {
  const root = path.join(dir, 'backups');
  if (!fs.existsSync(root)) return false;
  return fs
    .readdirSync(root, { withFileTypes: true })
    .some(
      (entry) =>
        entry.isDirectory() &&
        entry.name.startsWith(`before-v${toVersion}-`) &&
        fs.existsSync(path.join(root, entry.name, relative)),
    );
}
