import { useEffect } from 'react';
import { revealBidiControls } from '../../../../shared/domain/bidi-controls';
import { useAppState } from '../../state/controller-context';
import { SidebarToggle } from '../layout/SidebarToggle';
import { ManageModelsButton } from '../models/ManageModelsButton';
import { BackendPicker } from './BackendPicker';
import { CompareButton } from './CompareButton';
import { ModelCombobox } from './ModelCombobox';
import { ReasoningEffortPicker } from './ReasoningEffortPicker';
import { SettingsButton } from './SettingsButton';
import { TasksButton } from '../tasks/TasksButton';
import { ToolsMenu } from './ToolsMenu';

/**
 * The open conversation's title, the backend and model it talks to (and how hard a reasoning model
 * thinks), and the way to settings.
 */
export function ChatHeader() {
  const title = useAppState(
    (s) => revealBidiControls(s.conversations.find((c) => c.id === s.selectedId)?.title ?? '') || 'New chat',
  );

  useEffect(() => {
    document.title = `${title} — Local LLM Desk`;
  }, [title]);

  return (
    <header className="chat-header">
      <SidebarToggle />
      <h1 className="chat-title" title={title}>
        {title}
      </h1>
      <div className="backend">
        <BackendPicker />
        <ModelCombobox />
        <ManageModelsButton />
        <ReasoningEffortPicker />
        <ToolsMenu />
      </div>
      <TasksButton />
      <CompareButton />
      <SettingsButton />
    </header>
  );
}
