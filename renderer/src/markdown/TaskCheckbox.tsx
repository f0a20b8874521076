import type { ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';

/** GFM task list boxes are read-only; they get a name so a screen reader says what the box means. */
export function TaskCheckbox({ type, checked }: ComponentProps<'input'> & ExtraProps) {
  if (type !== 'checkbox') return null;
  return (
    <input
      type="checkbox"
      checked={Boolean(checked)}
      disabled
      readOnly
      aria-label={checked ? 'Done' : 'Not done'}
    />
  );
}
