import { SCHEMA_VERSION } from '../store-schema';
import type { Migration, RawData } from './migration';
import { quoted } from '../../../../shared/domain/excerpt';
import { knownPartTypes } from '../../../../shared/domain/message-parts';
import { unknownPartTypeIn } from '../../../../shared/domain/raw-messages';
import { v1ToV2 } from './v1-to-v2';
import { v2ToV3 } from './v2-to-v3';

export type { Migration, MigrationRecord, RawData } from './migration';
export { backupBeforeMigration, backupFile, findInBackups } from './backup';

/** Every step in order; step i goes from version i + 1 to i + 2. Add new steps at the end. */
export const migrations: readonly Migration[] = [v1ToV2, v2ToV3];

if (migrations.some((m, i) => m.to !== i + 2) || migrations.length + 1 !== SCHEMA_VERSION) {
  throw new Error(`The store migrations do not lead from version 1 to ${SCHEMA_VERSION}.`);
}

export type VersionCheck =
  | { kind: 'current' }
  | { kind: 'older'; version: number }
  | { kind: 'newer'; version: number }
  | { kind: 'unknown' };

/** Where a file stands against this app's schema; `unknown` (no usable version) is damage, not age. */
export function checkVersion(data: unknown): VersionCheck {
  const version = (data as { schemaVersion?: unknown } | null | undefined)?.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { kind: 'unknown' };
  if (version === SCHEMA_VERSION) return { kind: 'current' };
  return version > SCHEMA_VERSION ? { kind: 'newer', version } : { kind: 'older', version };
}

export const migrateIndex = (data: RawData, from: number): RawData => run(data, from, (m, d) => m.index(d));

export const migrateConversation = (data: RawData, from: number): RawData =>
  run(data, from, (m, d) => m.conversation(d));

/**
 * A file brought to this version when it is older (a rolling backup, an index met at open), as it is
 * when current; undefined when a newer version or nothing recognisable wrote it.
 */
export function upToDate(data: unknown, migrate: (d: RawData, from: number) => RawData): RawData | undefined {
  const version = checkVersion(data);
  if (version.kind === 'current') return data as RawData;
  return version.kind === 'older' ? migrate(data as RawData, version.version) : undefined;
}

/**
 * The first part type in a conversation file that this version does not know (a newer version wrote
 * it, e.g. a tool call): such a file is kept read-only, exactly like one with a newer version number.
 */
export function unknownPartType(data: RawData): string | undefined {
  // Hidden reply versions included: a newer part there makes the file just as unreadable.
  return unknownPartTypeIn(data.messages, new Set<string>(knownPartTypes));
}

function run(data: RawData, from: number, step: (m: Migration, d: RawData) => RawData): RawData {
  let current = data;
  for (const migration of migrations.slice(from - 1)) current = step(migration, current);
  return current;
}

/** The wording for a file this version cannot read because a newer one wrote it. */
export const newerVersionReason = (version: number): string =>
  `made by a newer version of the app (data version ${version}; this version knows up to ${SCHEMA_VERSION}); update the app`;

/** The wording for a conversation holding a kind of part only a newer version knows. */
export const newerPartReason = (type: string): string =>
  `it holds a part of kind ${quoted(type, 40)}, made by a newer version of the app (this version knows ${knownPartTypes.join(', ')}); update the app`;
