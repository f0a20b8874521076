import { SCHEMA_VERSION } from '../store-schema';
import type { Migration, RawData } from './migration';
import { v1ToV2 } from './v1-to-v2';

export type { Migration, MigrationRecord, RawData } from './migration';
export { backupBeforeMigration, backupFile, findInBackups } from './backup';

/** Every step in order; step i goes from version i + 1 to i + 2. Add new steps at the end. */
export const migrations: readonly Migration[] = [v1ToV2];

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

function run(data: RawData, from: number, step: (m: Migration, d: RawData) => RawData): RawData {
  let current = data;
  for (const migration of migrations.slice(from - 1)) current = step(migration, current);
  return current;
}

/** The wording for a file this version cannot read because a newer one wrote it. */
export const newerVersionReason = (version: number): string =>
  `made by a newer version of the app (data version ${version}; this version knows up to ${SCHEMA_VERSION}); update the app`;
