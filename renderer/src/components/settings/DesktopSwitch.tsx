/** One on/off desktop preference: a labelled switch, described by what it does or why it is unavailable. */
export function DesktopSwitch({
  name,
  label,
  description,
  checked,
  disabledReason,
  onChange,
}: {
  name: string;
  label: string;
  description: string;
  checked: boolean;
  /** Set when this system cannot do it; replaces the description. */
  disabledReason?: string | undefined;
  onChange: (checked: boolean) => void;
}) {
  const id = `desktop-${name}`;
  return (
    <div className="switch-row" data-disabled={disabledReason ? true : undefined}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        disabled={disabledReason !== undefined}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div className="switch-text">
        <label className="switch-label" htmlFor={id}>
          {label}
        </label>
        <p id={`${id}-hint`} className="field-hint">
          {disabledReason ?? description}
        </p>
      </div>
    </div>
  );
}
