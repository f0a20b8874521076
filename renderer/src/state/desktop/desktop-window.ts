import type { WindowKind } from '../../../../shared/domain/desktop';

/**
 * Which window this page is. The desktop shell loads the same renderer in its compact tray window
 * with `?window=tray` (the browser host serves `/?window=tray` the same way); anything else is the
 * main window.
 */
export function windowKindOf(search: string): WindowKind {
  return new URLSearchParams(search).get('window') === 'tray' ? 'tray' : 'main';
}
