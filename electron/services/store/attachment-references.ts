import fs from 'node:fs';
import path from 'node:path';
import type { Message } from '../../../shared/domain/conversation';
import { everyMessage } from '../../../shared/domain/reply-versions';
import type { StoreCore } from './store-core';

/** Where attachments are kept (the blob store in `services/attachments/` is one). */
export interface AttachmentFiles {
  /** The stored bytes, checked against the hash; undefined when none are stored. */
  read(hash: string): Uint8Array | undefined;
  /** Stores bytes once and answers their SHA-256. */
  put(bytes: Uint8Array): string;
  /** Removes what is not referenced (and not fresh); answers how many went. */
  removeUnreferenced(referenced: ReadonlySet<string>): number;
}

/** A part's `hash` or `textHash`, as any conversation file holds it (whatever its indentation). */
const REFERENCE = /"(?:hash|textHash)"\s*:\s*"([0-9a-f]{64})"/g;

export function referencesIn(text: string, into: Set<string>): void {
  for (const match of text.matchAll(REFERENCE)) into.add(match[1]!);
}

/**
 * The attachments messages point at (an image's bytes; a document's bytes and text), hidden reply
 * versions included: a version not shown is still the user's, and may be shown again.
 */
export function messageReferences(messages: readonly Message[], into = new Set<string>()): Set<string> {
  for (const message of everyMessage(messages)) {
    for (const part of message.parts) {
      if (part.type === 'image') into.add(part.hash);
      else if (part.type === 'file') into.add(part.hash).add(part.textHash);
    }
  }
  return into;
}

/**
 * Every attachment any conversation or trash item references. Every file in both folders is read
 * as text (damaged, set-aside and newer-version files included: what they hold is kept), without
 * blocking; then, in one synchronous pass, what changed meanwhile: files that appeared (a move to
 * or from the trash, an import) and every conversation open in memory (appends land there first).
 * Undefined when a file could not be read: nothing may be removed on a partial picture.
 */
export async function referencedAttachments(core: StoreCore): Promise<Set<string> | undefined> {
  const referenced = new Set<string>();
  const seen = new Set<string>();
  const files = () =>
    [core.conversationsDir, core.trashDir].flatMap((dir) =>
      listJson(dir).map((name) => path.join(dir, name)),
    );
  let first: string[];
  try {
    first = files();
  } catch {
    return undefined;
  }
  for (const file of first) {
    seen.add(file);
    try {
      referencesIn(await fs.promises.readFile(file, 'utf8'), referenced);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined; // moved: met again below
      seen.delete(file);
    }
    if (core.closed) return undefined;
  }
  try {
    for (const file of files()) if (!seen.has(file)) referencesIn(readIfThere(file), referenced);
  } catch {
    return undefined;
  }
  for (const open of core.open.values()) messageReferences(open.messages, referenced);
  return referenced;
}

function listJson(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function readIfThere(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
