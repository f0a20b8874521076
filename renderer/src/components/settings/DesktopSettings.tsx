import { useState } from 'react';
import type { DesktopPrefs } from '../../../../shared/domain/desktop';
import type { UserError } from '../../../../shared/domain/errors';
import { desktopNotes, launchAtLoginUnavailable } from '../../format/desktop-status';
import { useDesktop, useDesktopState } from '../../state/desktop/desktop-context';
import '../../styles/settings-desktop.css';
import { ErrorDetails } from '../notices/ErrorDetails';
import { DesktopShortcutField } from './DesktopShortcutField';
import { DesktopSwitch } from './DesktopSwitch';

type SwitchName = 'closeToTray' | 'launchAtLogin' | 'startHidden' | 'notifyWhenHidden';

const switches: { name: SwitchName; label: string; description: string }[] = [
  {
    name: 'closeToTray',
    label: 'Keep running in the tray when the main window is closed',
    description: 'Closing the window leaves the app in the tray, with the shortcut still working.',
  },
  {
    name: 'launchAtLogin',
    label: 'Launch at login',
    description: 'Starts the app when you sign in to this computer.',
  },
  {
    name: 'startHidden',
    label: 'Start hidden in the tray',
    description: 'At launch, show only the tray icon instead of the main window.',
  },
  {
    name: 'notifyWhenHidden',
    label: 'Notify when a reply finishes while the app is hidden',
    description: 'A system notification; clicking it opens the conversation.',
  },
];

/**
 * The desktop preferences: the global shortcut, the tray and login behaviour, notifications. Saved
 * at once and kept in step with other windows (`desktop.changed`); where no desktop shell runs
 * (the browser host) they are still saved, and the section says they apply in the installed app.
 */
export function DesktopSettings() {
  const desktop = useDesktop();
  const view = useDesktopState((s) => s.view);
  const loadError = useDesktopState((s) => s.loadError);
  /** Switches flipped but not yet confirmed by main, shown as flipped meanwhile. */
  const [pending, setPending] = useState<Partial<DesktopPrefs>>({});
  const [failure, setFailure] = useState<{ error: UserError; context: string }>();
  const title = (
    <h2 id="desktop-title" className="editor-title">
      Desktop
    </h2>
  );

  if (!view) {
    return (
      <section className="desktop-settings" aria-labelledby="desktop-title">
        {title}
        {loadError ? (
          <div className="inline-error" role="alert">
            <ErrorDetails error={loadError} context="The desktop settings could not be loaded." />
            <button type="button" className="button" onClick={() => void desktop.load()}>
              Try again
            </button>
          </div>
        ) : (
          <p className="pane-note">Loading…</p>
        )}
      </section>
    );
  }

  const { prefs, status } = view;
  const toggle = async (name: SwitchName, on: boolean) => {
    setPending((p) => ({ ...p, [name]: on }));
    const updated = await desktop.update({ [name]: on });
    setFailure(updated.ok ? undefined : { error: updated.error, context: 'The setting was not changed.' });
    setPending(({ [name]: _done, ...rest }) => rest);
  };

  return (
    <section className="desktop-settings" aria-labelledby="desktop-title">
      {title}
      {desktopNotes(status).map((note) => (
        <p key={note} className="callout callout-info desktop-note" role="note">
          {note}
        </p>
      ))}
      <DesktopShortcutField
        saved={prefs.shortcut}
        status={status}
        // Its errors show at the field.
        onSave={(shortcut) => desktop.update({ shortcut })}
      />
      <fieldset className="params desktop-switches">
        <legend>Tray and startup</legend>
        {switches.map(({ name, label, description }) => (
          <DesktopSwitch
            key={name}
            name={name}
            label={label}
            description={description}
            checked={pending[name] ?? prefs[name]}
            disabledReason={name === 'launchAtLogin' ? launchAtLoginUnavailable(status) : undefined}
            onChange={(on) => void toggle(name, on)}
          />
        ))}
      </fieldset>
      {failure && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={failure.error} context={failure.context} />
        </div>
      )}
    </section>
  );
}
