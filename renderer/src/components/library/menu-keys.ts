/**
 * Keys inside an open menu (WAI-ARIA menu button pattern): Up/Down move and wrap, Home/End jump,
 * Escape and Tab close it. Returns the item index to focus, 'close', or undefined (not ours).
 */
export function menuKeyAction(key: string, index: number, count: number): number | 'close' | undefined {
  if (count === 0) return key === 'Escape' || key === 'Tab' ? 'close' : undefined;
  switch (key) {
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'Escape':
    case 'Tab':
      return 'close';
    default:
      return undefined;
  }
}

/** Where a menu opens: under its button, right-aligned with it, above it when there is no room below. */
export function menuPlacement(
  button: { top: number; bottom: number; right: number },
  menu: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 4,
): { top: number; left: number } {
  const below = button.bottom + gap;
  const top =
    below + menu.height <= viewport.height || button.top - gap - menu.height < 0
      ? below
      : button.top - gap - menu.height;
  const left = Math.min(Math.max(8, button.right - menu.width), Math.max(8, viewport.width - menu.width - 8));
  return { top: Math.max(8, Math.min(top, viewport.height - menu.height - 8)), left };
}
