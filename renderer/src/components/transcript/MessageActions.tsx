import type { ReactNode } from 'react';
import '../../styles/message-actions.css';
import { CopyMessageButton } from './CopyMessageButton';

/**
 * The actions of one message, under it: shown on hover and whenever focus is inside the message
 * (so they are reached with Tab), always on touch screens. Copy is there whenever there is text to copy; the rest is passed in.
 */
export function MessageActions({
  text,
  label,
  children,
}: {
  text: string;
  label: string;
  children?: ReactNode;
}) {
  return (
    <div className="message-actions" role="group" aria-label={label}>
      {text.length > 0 && <CopyMessageButton text={text} />}
      {children}
    </div>
  );
}
