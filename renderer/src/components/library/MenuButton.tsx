import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import { menuKeyAction, menuPlacement } from './menu-keys';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  /** Shown beside the label and announced (`aria-keyshortcuts`), e.g. "F2". */
  shortcut?: { label: string; aria: string };
  danger?: boolean;
  disabled?: boolean;
}

interface Props {
  /** The button's accessible name, and the menu's. */
  label: string;
  items: MenuItem[];
  className?: string;
  /** What the button shows (an icon, or an icon and a word). */
  children: ReactNode;
  tabIndex?: number;
  title?: string;
  onOpenChange?: (open: boolean) => void;
}

/**
 * A button that opens a menu of actions (the WAI-ARIA menu button pattern): Enter, Space or
 * Down opens it on the first item, Up on the last; arrows move, Escape or Tab close it and focus
 * returns to the button. The menu is drawn over everything (a portal with fixed position), so a
 * scrolling list does not clip it.
 */
export function MenuButton({ label, items, className, children, tabIndex, title, onOpenChange }: Props) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const [place, setPlace] = useState<{ top: number; left: number }>();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();

  const setOpenState = (next: false | 'first' | 'last') => {
    setOpen(next);
    if (!next) setPlace(undefined);
    onOpenChange?.(next !== false);
  };

  const close = (focusButton: boolean) => {
    setOpenState(false);
    if (focusButton) button.current?.focus();
  };

  useLayoutEffect(() => {
    if (!open || !menu.current || !button.current) return;
    const rect = button.current.getBoundingClientRect();
    const size = menu.current.getBoundingClientRect();
    setPlace(menuPlacement(rect, size, { width: window.innerWidth, height: window.innerHeight }));
    const targets = [...menu.current.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)')];
    (open === 'last' ? targets.at(-1) : targets[0])?.focus({ preventScroll: true });
  }, [open]);

  // A click elsewhere, a resize or a scroll (the button moves) closes it.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (menu.current?.contains(target) || button.current?.contains(target)) return;
      setOpenState(false);
    };
    const onScroll = (event: Event) => {
      if (menu.current?.contains(event.target as Node)) return;
      setOpenState(false);
    };
    const onResize = () => setOpenState(false);
    document.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- setOpenState only wraps setters
  }, [open]);

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation(); // not the list's arrow keys
      setOpenState(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const targets = [
      ...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)'),
    ];
    const index = targets.indexOf(document.activeElement as HTMLElement);
    const action = menuKeyAction(event.key, index, targets.length);
    if (action === undefined) return;
    event.preventDefault();
    event.stopPropagation(); // Escape closes the menu only, not the sidebar or the view
    if (action === 'close') close(true);
    else targets[action]?.focus();
  };

  const choose = (item: MenuItem) => {
    close(true);
    item.onSelect();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className={className}
        aria-label={label}
        title={title ?? label}
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? id : undefined}
        tabIndex={tabIndex}
        onClick={() => (open ? close(false) : setOpenState('first'))}
        onKeyDown={onButtonKey}
      >
        {children}
      </button>
      {open &&
        createPortal(
          <div
            ref={menu}
            id={id}
            role="menu"
            aria-label={label}
            className="action-menu"
            style={place ? { top: place.top, left: place.left } : { visibility: 'hidden', top: 0, left: 0 }}
            onKeyDown={onMenuKey}
          >
            {items.map((item) => (
              <button
                key={item.label}
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={item.danger ? 'action-menu-item action-menu-item-danger' : 'action-menu-item'}
                disabled={item.disabled}
                aria-keyshortcuts={item.shortcut?.aria}
                onClick={() => choose(item)}
              >
                <span>{item.label}</span>
                {item.shortcut && (
                  <kbd className="action-menu-shortcut" aria-hidden="true">
                    {item.shortcut.label}
                  </kbd>
                )}
              </button>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}
