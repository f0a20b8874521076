import { useEffect } from 'react';
import { useAppState } from '../../state/controller-context';
import { SidebarToggle } from '../layout/SidebarToggle';
import { BackendIndicator } from './BackendIndicator';

/** The open conversation's title and the backend it talks to. */
export function ChatHeader() {
  const title = useAppState((s) => s.conversations.find((c) => c.id === s.selectedId)?.title || 'New chat');

  useEffect(() => {
    document.title = `${title} — Local LLM Desk`;
  }, [title]);

  return (
    <header className="chat-header">
      <SidebarToggle />
      <h1 className="chat-title" title={title}>
        {title}
      </h1>
      <BackendIndicator />
    </header>
  );
}
