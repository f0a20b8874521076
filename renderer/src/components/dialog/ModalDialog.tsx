import type { MouseEvent, ReactNode, RefObject, SyntheticEvent } from 'react';
import { trapFocus } from '../conversations/trap-focus';

interface Props {
  /** From `useModalDialog`, which opens it modally while mounted and gives focus back after. */
  dialogRef: RefObject<HTMLDialogElement | null>;
  /** Added to `dialog` (the shared look). */
  className?: string;
  role?: 'alertdialog';
  titleId: string;
  descriptionId?: string;
  /** Escape. The dialog closes by unmounting, so React state and the dialog agree: refuse by not unmounting. */
  onCancel: () => void;
  onClick?: (event: MouseEvent<HTMLDialogElement>) => void;
  children: ReactNode;
}

/** Every modal of the app: named by its title, described by its text, Tab kept inside, Escape asks `onCancel`. */
export function ModalDialog({
  dialogRef,
  className,
  role,
  titleId,
  descriptionId,
  onCancel,
  onClick,
  children,
}: Props) {
  const onDialogCancel = (event: SyntheticEvent) => {
    event.preventDefault();
    onCancel();
  };
  return (
    <dialog
      ref={dialogRef}
      className={className ? `dialog ${className}` : 'dialog'}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      aria-modal="true"
      onCancel={onDialogCancel}
      onKeyDown={trapFocus}
      onClick={onClick}
    >
      {children}
    </dialog>
  );
}
