import { CopyButton } from '../CopyButton';

const announce = { copied: 'Message copied', failed: 'The message could not be copied' };

/** Copies a message as written (a reply's raw markdown). */
export function CopyMessageButton({ text }: { text: string }) {
  return (
    <CopyButton name="Copy message" className="message-action" getText={() => text} announce={announce} />
  );
}
