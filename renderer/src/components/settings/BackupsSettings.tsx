import { useEffect, useState } from 'react';
import { describeBackup, ROLLING_BACKUPS_KEPT, type BackupSummary } from '../../../../shared/domain/backups';
import type { UserError } from '../../../../shared/domain/errors';
import { fullTime } from '../../format/relative-time';
import { useController } from '../../state/controller-context';
import '../../styles/settings-desktop.css';
import '../../styles/settings-backups.css';
import { ErrorDetails } from '../notices/ErrorDetails';
import { RestoreBackupDialog } from './RestoreBackupDialog';

/**
 * The rolling backups of the conversation list and the profiles: when each was taken and what it
 * holds, newest first, each with Restore (confirmed in a dialog). The app takes them by itself.
 */
export function BackupsSettings() {
  const controller = useController();
  const [backups, setBackups] = useState<BackupSummary[]>();
  const [loadError, setLoadError] = useState<UserError>();
  const [restoring, setRestoring] = useState<BackupSummary>();
  const [done, setDone] = useState<string>();

  /** Bumped to list again (after a restore, or Try again). */
  const [listing, setListing] = useState(0);
  const load = () => setListing((n) => n + 1);

  useEffect(() => {
    let current = true;
    void controller.request('backups.list').then((listed) => {
      if (!current) return;
      if (listed.ok) {
        setBackups(listed.value);
        setLoadError(undefined);
      } else setLoadError(listed.error);
    });
    return () => {
      current = false;
    };
  }, [controller, listing]);

  return (
    <section className="desktop-settings backups-settings" aria-labelledby="backups-title">
      <h2 id="backups-title" className="editor-title">
        Backups
      </h2>
      <p className="pane-note">
        A while after the conversation list or the profiles change, the app copies them to{' '}
        <code>backups/rolling/</code> in its data folder and keeps the last {ROLLING_BACKUPS_KEPT}. If that
        list is ever damaged, the newest good copy is put back at start. Conversations themselves are kept in
        their own files.
      </p>
      <div role="status">{done && <p className="flash">{done}</p>}</div>
      {loadError ? (
        <div className="inline-error" role="alert">
          <ErrorDetails error={loadError} context="The backups could not be listed." />
          <button type="button" className="button" onClick={load}>
            Try again
          </button>
        </div>
      ) : !backups ? (
        <p className="pane-note">Loading…</p>
      ) : backups.length === 0 ? (
        <p className="pane-note">No backup yet: the first is taken shortly after something changes.</p>
      ) : (
        <ul className="backup-list" aria-label="Backups, newest first">
          {backups.map((backup) => (
            <li key={backup.id} className="backup-item">
              <span className="backup-text">
                <time dateTime={new Date(backup.at).toISOString()}>{fullTime(backup.at)}</time>
                <span className="profile-kind">{describeBackup(backup)}</span>
              </span>
              <button
                type="button"
                className="button"
                aria-label={`Restore the backup of ${fullTime(backup.at)}`}
                onClick={() => {
                  setDone(undefined);
                  setRestoring(backup);
                }}
              >
                Restore…
              </button>
            </li>
          ))}
        </ul>
      )}
      {restoring && (
        <RestoreBackupDialog
          backup={restoring}
          onCancel={() => setRestoring(undefined)}
          onRestored={(report) => {
            setRestoring(undefined);
            setDone(
              `Restored the backup of ${fullTime(report.restored.at)}.${report.previous ? ' What you had before is the newest backup now.' : ''}`,
            );
            load();
          }}
        />
      )}
    </section>
  );
}
