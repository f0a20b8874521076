import { useState, type KeyboardEvent } from 'react';
import { SHORTCUT_MAX } from '../../../../shared/contract/limits';
import type { Result } from '../../../../shared/contract/result';
import { acceleratorProblem } from '../../../../shared/domain/accelerator';
import { DEFAULT_SHORTCUT, type DesktopStatus, type DesktopView } from '../../../../shared/domain/desktop';
import { shortcutStatusText } from '../../format/desktop-status';

const ID = 'desktop-shortcut';

/**
 * The global shortcut that opens the tray window, checked as it is typed (the same rules main
 * applies) and saved on Enter or Save. A shortcut main refuses (taken by another app) shows main's
 * reason at the field; the previous one stays active.
 */
export function DesktopShortcutField({
  saved,
  status,
  onSave,
}: {
  saved: string;
  status: DesktopStatus;
  onSave: (shortcut: string) => Promise<Result<DesktopView>>;
}) {
  const [draft, setDraft] = useState<string>();
  /** Main's answer for a value it refused, shown while the field still holds that value. */
  const [refused, setRefused] = useState<{ value: string; reason: string }>();
  const [saving, setSaving] = useState(false);
  /** A save of this field resolved and nothing was typed since: only then does the status say "Saved". */
  const [justSaved, setJustSaved] = useState(false);
  const value = draft ?? saved;
  const typedProblem = draft !== undefined ? acceleratorProblem(draft) : undefined;
  const error = typedProblem ?? (refused?.value === value ? refused.reason : undefined);
  const changed = draft !== undefined && draft.trim() !== saved;
  const canSave = changed && !typedProblem && !saving;

  const save = async () => {
    if (!canSave) return;
    setSaving(true);
    const result = await onSave(value.trim());
    setSaving(false);
    if (result.ok) {
      setDraft(undefined);
      setRefused(undefined);
      setJustSaved(true);
    } else {
      setRefused({ value, reason: result.error.fields?.shortcut ?? result.error.message });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape' && draft !== undefined) {
      // Undo the edit; a second Escape leaves settings.
      event.preventDefault();
      setDraft(undefined);
    }
  };

  const describedBy = [error ? `${ID}-error` : '', `${ID}-hint`, `${ID}-status`].filter(Boolean).join(' ');
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <label className="field-label" htmlFor={ID}>
        Global shortcut
      </label>
      <div className="key-row">
        <input
          id={ID}
          className="input input-mono"
          value={value}
          maxLength={SHORTCUT_MAX}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setDraft(event.target.value);
            setJustSaved(false);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button" disabled={!canSave} onClick={() => void save()}>
          Save shortcut
        </button>
        <button
          type="button"
          className="button button-quiet"
          disabled={value === DEFAULT_SHORTCUT}
          onClick={() => {
            setDraft(DEFAULT_SHORTCUT);
            setJustSaved(false);
          }}
        >
          Use default
        </button>
      </div>
      {error && (
        <p id={`${ID}-error`} className="field-error">
          {error}
        </p>
      )}
      <p id={`${ID}-hint`} className="field-hint">
        Opens the quick chat window from any app. Modifiers first, then one key, e.g. {DEFAULT_SHORTCUT}.
      </p>
      <p
        id={`${ID}-status`}
        className="shortcut-status"
        role="status"
        data-registered={!changed && status.shortcut.registered ? true : undefined}
      >
        {changed ? 'Not saved yet: press Enter or Save shortcut.' : shortcutStatusText(status, justSaved)}
      </p>
    </div>
  );
}
