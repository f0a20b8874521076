import { useEffect, useRef, useState } from 'react';
import type { UserError } from '../../../../shared/domain/errors';
import { profilePresets, type ProfileKind, type ProfileView } from '../../../../shared/domain/profiles';
import { useAppState, useController } from '../../state/controller-context';
import { ErrorDetails } from '../notices/ErrorDetails';
import { AddProfileMenu } from './AddProfileMenu';
import { FindServersButton } from '../onboarding/FindServersButton';
import { BackupsSettings } from './BackupsSettings';
import { DeleteProfileDialog, type ProfileUsage } from './DeleteProfileDialog';
import { AppSettingsNav, type AppSection } from './AppSettingsNav';
import { DesktopSettings } from './DesktopSettings';
import { McpSettings } from './mcp/McpSettings';
import { ProfileEditor } from './ProfileEditor';
import { ProfileList } from './ProfileList';
import { ToolsSettings } from './ToolsSettings';
import { formFromPreset, formFromProfile, uniqueName } from './profile-form';

type Selection = { type: 'profile'; id: string } | { type: 'new'; kind: ProfileKind } | { type: AppSection };

type Flash = { kind: 'info'; text: string } | { kind: 'error'; error: UserError; context: string };

/**
 * Backend settings, a view in the main window: the profiles on the left (live status, the default
 * marked), the selected one's editor on the right. Stays mounted while hidden, so an unsaved edit
 * survives a look at the chat.
 */
export default function SettingsView({ hidden }: { hidden: boolean }) {
  const controller = useController();
  const profiles = useAppState((s) => s.profiles);
  const loaded = useAppState((s) => s.profilesLoaded);
  const statuses = useAppState((s) => s.profileStatuses);
  const defaultProfileId = useAppState((s) => s.defaultProfileId);
  const secrets = useAppState((s) => s.settings?.secrets);
  const online = useAppState((s) => s.online);
  const request = useAppState((s) => s.settingsRequest);

  const [selection, setSelection] = useState<Selection | undefined>(() =>
    request.profileId ? { type: 'profile', id: request.profileId } : undefined,
  );
  const [seenRequest, setSeenRequest] = useState(request.seq);
  /** Changes whenever the editor should start over (another profile, a new preset, after a delete). */
  const [editorKey, setEditorKey] = useState(0);
  const [titleFocus, setTitleFocus] = useState(request.profileId ? 1 : 0);
  const [flash, setFlash] = useState<Flash>();
  const [pendingDelete, setPendingDelete] = useState<{ profile: ProfileView; usage: ProfileUsage }>();
  const heading = useRef<HTMLHeadingElement>(null);

  // Asked to show settings again (the header button, Ctrl+, or an error's "Open profile settings").
  if (request.seq !== seenRequest) {
    setSeenRequest(request.seq);
    if (request.profileId) {
      setSelection({ type: 'profile', id: request.profileId });
      setEditorKey((k) => k + 1);
      setTitleFocus((n) => n + 1);
    }
  }

  useEffect(() => {
    if (!hidden && !request.profileId) heading.current?.focus();
  }, [hidden, request]);

  const appSection =
    selection && selection.type !== 'profile' && selection.type !== 'new' ? selection.type : undefined;
  const selectedProfile =
    selection?.type === 'profile' ? profiles.find((p) => p.id === selection.id) : undefined;
  // A profile that went away (deleted here or elsewhere) falls back to the default.
  const shown: ProfileView | undefined =
    selection?.type === 'new' || appSection
      ? undefined
      : (selectedProfile ?? profiles.find((p) => p.id === defaultProfileId) ?? profiles[0]);
  const draftKind = selection?.type === 'new' ? selection.kind : undefined;

  const select = (id: string) => {
    if (selection?.type === 'profile' && selection.id === id && shown?.id === id) return;
    setSelection({ type: 'profile', id });
    setEditorKey((k) => k + 1);
    setFlash(undefined);
  };

  const showSection = (type: AppSection) => {
    if (selection?.type === type) return;
    setSelection({ type });
    setEditorKey((k) => k + 1);
    setFlash(undefined);
  };

  const addFromPreset = (kind: ProfileKind) => {
    setSelection({ type: 'new', kind });
    setEditorKey((k) => k + 1);
    setTitleFocus((n) => n + 1);
    setFlash(undefined);
  };

  const duplicate = async (profile: ProfileView) => {
    const copy = await controller.duplicateProfile(profile.id);
    if (!copy.ok)
      return setFlash({ kind: 'error', error: copy.error, context: 'The profile was not duplicated.' });
    setSelection({ type: 'profile', id: copy.value.id });
    setEditorKey((k) => k + 1);
    setTitleFocus((n) => n + 1);
    setFlash({ kind: 'info', text: `Duplicated as “${copy.value.name}”.` });
  };

  const makeDefault = async (profile: ProfileView) => {
    const updated = await controller.makeDefault(profile.id);
    if (!updated.ok)
      return setFlash({ kind: 'error', error: updated.error, context: 'The default was not changed.' });
    setFlash({ kind: 'info', text: `“${profile.name}” is now the default profile.` });
  };

  const askDelete = async (profile: ProfileView) => {
    const usage = await controller.profileUsage(profile.id);
    if (!usage.ok)
      return setFlash({ kind: 'error', error: usage.error, context: 'The profile was not deleted.' });
    setPendingDelete({ profile, usage: usage.value });
  };

  const onDeleted = () => {
    const name = pendingDelete?.profile.name ?? 'The profile';
    setPendingDelete(undefined);
    setSelection(undefined);
    setEditorKey((k) => k + 1);
    setFlash({ kind: 'info', text: `Deleted “${name}”.` });
    // The button that opened the dialog went with the profile: focus the list's selected row.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.profile-item[aria-current]')?.focus());
  };

  const names = profiles.map((p) => p.name);
  const preset = draftKind ? profilePresets[draftKind] : undefined;
  // Only read when the editor mounts (its key changes with every new selection).
  const initialForm = preset
    ? formFromPreset(preset, uniqueName(preset.name, names))
    : shown
      ? formFromProfile(shown)
      : undefined;

  return (
    <section className="settings" hidden={hidden} aria-labelledby="settings-title">
      <header className="settings-header">
        <button
          type="button"
          className="button button-quiet back-button"
          onClick={() => controller.closeSettings()}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M10 3 5 8l5 5" />
          </svg>
          Back to chat
        </button>
        <h1 id="settings-title" className="settings-title" ref={heading} tabIndex={-1}>
          Settings
        </h1>
      </header>
      <div className="settings-flash" role="status">
        {flash?.kind === 'info' && <p className="flash">{flash.text}</p>}
      </div>
      {flash?.kind === 'error' && (
        <div className="inline-error settings-error" role="alert">
          <ErrorDetails error={flash.error} context={flash.context} />
          <div className="inline-error-actions">
            <button type="button" className="button button-quiet" onClick={() => setFlash(undefined)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      <div className="settings-body">
        <section className="profiles-pane" aria-labelledby="profiles-heading">
          <div className="pane-head">
            <h2 id="profiles-heading" className="pane-title">
              Backends
            </h2>
            <AddProfileMenu onChoose={addFromPreset} />
          </div>
          {loaded || profiles.length > 0 ? (
            <ProfileList
              profiles={profiles}
              statuses={statuses}
              defaultProfileId={defaultProfileId}
              selectedId={shown?.id}
              onSelect={select}
            />
          ) : (
            <p className="pane-note">Loading profiles…</p>
          )}
          {!online && (
            <p className="pane-note" role="note">
              This computer is offline. Local backends still work; cloud ones reconnect by themselves when the
              network is back.
            </p>
          )}
          <FindServersButton />
          <AppSettingsNav selected={appSection} onSelect={showSection} />
        </section>
        <div className="editor-pane">
          {selection?.type === 'desktop' ? (
            <DesktopSettings />
          ) : selection?.type === 'backups' ? (
            <BackupsSettings />
          ) : selection?.type === 'mcp' ? (
            <McpSettings />
          ) : selection?.type === 'tools' ? (
            <ToolsSettings />
          ) : initialForm ? (
            <ProfileEditor
              // One instance across Save: a new profile becomes a saved one without losing focus.
              key={editorKey}
              profile={preset ? undefined : shown}
              initial={initialForm}
              isDefault={!preset && shown?.id === defaultProfileId}
              isOnly={profiles.length <= 1}
              secrets={secrets}
              focusRequest={titleFocus}
              onSaved={(saved) => {
                setSelection({ type: 'profile', id: saved.id });
                setFlash(undefined);
              }}
              onDuplicate={() => shown && void duplicate(shown)}
              onDelete={() => shown && void askDelete(shown)}
              onMakeDefault={() => shown && void makeDefault(shown)}
            />
          ) : (
            loaded && <p className="pane-note">No profile yet. Add one to start chatting.</p>
          )}
        </div>
      </div>
      {pendingDelete && (
        <DeleteProfileDialog
          profile={pendingDelete.profile}
          usage={pendingDelete.usage}
          others={profiles.filter((p) => p.id !== pendingDelete.profile.id)}
          onDeleted={onDeleted}
          onCancel={() => setPendingDelete(undefined)}
        />
      )}
    </section>
  );
}
