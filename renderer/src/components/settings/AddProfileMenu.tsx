import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { profileKinds, profilePresets, type ProfileKind } from '../../../../shared/domain/profiles';

/**
 * "Add profile": a menu of the presets, one per backend kind. Arrow keys move, Enter
 * picks, Escape or Tab closes and focus returns to the button.
 */
export function AddProfileMenu({ onChoose }: { onChoose: (kind: ProfileKind) => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();

  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    let next: HTMLButtonElement | undefined;
    if (event.key === 'ArrowDown') next = all[(index + 1) % all.length];
    else if (event.key === 'ArrowUp') next = all[(index - 1 + all.length) % all.length];
    else if (event.key === 'Home') next = all[0];
    else if (event.key === 'End') next = all.at(-1);
    else if (event.key === 'Escape') {
      event.preventDefault(); // Settings stay open: this Escape was the menu's.
      close();
      return;
    } else if (event.key === 'Tab') {
      setOpen(false);
      return;
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M8 3v10M3 8h10" />
        </svg>
        Add profile
      </button>
      {open && (
        <ul
          ref={menu}
          id={menuId}
          className="menu"
          role="menu"
          aria-label="Add profile"
          onKeyDown={onMenuKeyDown}
        >
          {profileKinds.map((kind) => {
            const preset = profilePresets[kind];
            const hintId = `${menuId}-${kind}`;
            return (
              <li key={kind} role="none">
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="menu-item"
                  aria-label={preset.name}
                  aria-describedby={hintId}
                  onClick={() => {
                    setOpen(false);
                    onChoose(kind);
                  }}
                >
                  <span className="menu-item-name">{preset.name}</span>
                  <span id={hintId} className="menu-item-hint">
                    {preset.baseUrl || 'Any OpenAI-compatible server'}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
