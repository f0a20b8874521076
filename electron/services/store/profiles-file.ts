import { userError } from '../../../shared/domain/errors';
import { AppError } from '../app-error';
import { checkVersion, newerVersionReason } from './migrations';
import type { StoreCore } from './store-core';
import fs from 'node:fs';
import { backupTime } from './rolling-backups';
import { moveAside } from './store-file';
import {
  describeIssues,
  profileKeys,
  profilesFileSchema,
  SCHEMA_VERSION,
  settingsKeys,
  storedSettingsSchema,
  type StoredProfiles,
  type StoredSettings,
} from './store-schema';

/** `<data>/profiles.json`. */
export const PROFILES_NAME = 'profiles';

/** A profiles file (or a backup of one) as this version reads it; undefined when it is not usable. */
export function parseProfiles(data: unknown): StoredProfiles | undefined {
  const parsed = profilesFileSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const { schemaVersion: _v, ...profiles } = parsed.data;
  return profiles;
}

/**
 * Reads `profiles.json` at open. Missing: the profiles are still in the index's settings (data from
 * before the file; the profile service moves them out on first open). Damaged: moved aside, and the
 * newest valid rolling backup put back in its place, with a report either way.
 */
export function loadProfiles(core: StoreCore): void {
  const file = core.path(`${PROFILES_NAME}.json`);
  // Read directly: opening through `openStore` is for writing (start-up opens the index only).
  const read = readJsonFile(file);
  if (read.kind === 'missing') return;
  let reason: string;
  if (read.kind === 'ok') {
    const version = checkVersion(read.data);
    if (version.kind === 'newer') {
      core.profilesFrozen = true;
      core.profiles = parseProfiles({ ...(read.data as object), schemaVersion: SCHEMA_VERSION }) ?? {
        profiles: [],
      };
      core.report({
        file,
        movedTo: file,
        reason: newerVersionReason(version.version),
        recovery:
          'The file was left untouched; profiles can be used but not changed until the app is updated.',
      });
      return;
    }
    const parsed = profilesFileSchema.safeParse(read.data);
    if (parsed.success) {
      core.profiles = parseProfiles(parsed.data);
      return;
    }
    reason = `not in the expected format (${describeIssues(parsed.error)})`;
  } else reason = read.reason;

  const movedTo = core.readOnly ? file : moveAside(file, core.now());
  const backup = core.backups.newestValid('profiles.json', parseProfiles);
  if (backup) {
    core.profiles = backup.data;
    if (!core.readOnly) writeProfilesFile(core, backup.data);
  } else core.profiles = { profiles: [] };
  core.report({
    file,
    movedTo,
    reason,
    recovery: backup
      ? `The backend profiles (with their saved keys) were restored from the backup of ${backupTime(backup.at)}.`
      : 'No backup of them could be read: the profiles start over from the default, and saved keys must be entered again.',
  });
}

function writeProfilesFile(core: StoreCore, profiles: StoredProfiles): void {
  core.openStore({ cwd: core.dir, name: PROFILES_NAME, defaults: {} }).store = {
    schemaVersion: SCHEMA_VERSION,
    ...profiles,
  };
  core.backups.schedule();
}

/** The settings as callers see them: the index's, with the profiles from their own file when it exists. */
export function settingsView(core: StoreCore): StoredSettings {
  if (!core.profiles) return { ...core.settings };
  const { profiles: _p, defaultProfileId: _d, ...rest } = core.settings;
  return { ...rest, ...core.profiles };
}

/**
 * Settings after a patch: the profile part goes to `profiles.json` (created from the index's copy on
 * first use) and leaves the index's settings. The file is written before the index drops its copy,
 * so a crash in between leaves the profiles in both places, never in neither. Returns the settings
 * the index keeps; the caller writes the index.
 */
export function saveSettings(core: StoreCore, patch: StoredSettings): StoredSettings {
  const next: StoredSettings = settingsView(core);
  for (const key of settingsKeys) {
    if (!(key in patch)) continue;
    if (patch[key] === undefined) delete next[key];
    else Object.assign(next, { [key]: patch[key] });
  }
  const valid = storedSettingsSchema.parse(next);
  const { profiles, defaultProfileId, ...indexPart } = valid;
  if (!profileKeys.some((key) => key in patch)) {
    return core.profiles ? indexPart : valid;
  }
  if (core.profilesFrozen) {
    throw new AppError(
      userError(
        'not-supported',
        'The backend profiles were saved by a newer version of the app.',
        'Update the app to change them; the file was left untouched.',
      ),
    );
  }
  const saved: StoredProfiles = {
    profiles: profiles ?? [],
    ...(defaultProfileId !== undefined ? { defaultProfileId } : {}),
  };
  if (!core.readOnly) writeProfilesFile(core, saved);
  core.profiles = saved;
  return indexPart;
}

type JsonRead = { kind: 'missing' } | { kind: 'ok'; data: unknown } | { kind: 'unparseable'; reason: string };

function readJsonFile(file: string): JsonRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    return { kind: 'ok', data: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'unparseable', reason: `not valid JSON (${(error as Error).message})` };
  }
}
