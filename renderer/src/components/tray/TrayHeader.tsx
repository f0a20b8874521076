import { useEffect } from 'react';
import { useAppState } from '../../state/controller-context';
import { BackendPicker } from '../header/BackendPicker';
import { ModelCombobox } from '../header/ModelCombobox';
import { ReasoningEffortPicker } from '../header/ReasoningEffortPicker';
import { OpenInMainButton } from './OpenInMainButton';
import { TrayTasksButton } from '../tasks/TrayTasksButton';
import { PinWindowButton } from './PinWindowButton';
import { TrayNewChatButton } from './TrayNewChatButton';
import { ToolsMenu } from '../header/ToolsMenu';

/** A slim header for the small window: the title, New chat, Open in main window and Pin, then the backend, model and reasoning effort. */
export function TrayHeader() {
  const title = useAppState((s) => s.conversations.find((c) => c.id === s.selectedId)?.title || 'New chat');

  useEffect(() => {
    document.title = `${title} — Local LLM Desk`;
  }, [title]);

  return (
    <header className="tray-header">
      <div className="tray-header-row">
        <h1 className="chat-title" title={title}>
          {title}
        </h1>
        <TrayNewChatButton />
        <TrayTasksButton />
        <OpenInMainButton />
        <PinWindowButton />
      </div>
      <div className="backend tray-backend">
        <BackendPicker />
        <ModelCombobox />
        <ReasoningEffortPicker />
        <ToolsMenu />
      </div>
    </header>
  );
}
