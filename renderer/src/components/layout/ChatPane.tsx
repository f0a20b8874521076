import { Composer } from '../composer/Composer';
import { ChatHeader } from '../header/ChatHeader';
import { ModelsDialogHost } from '../models/ModelsDialog';
import { ActionNotice } from '../notices/ActionNotice';
import { useWelcomeShown } from '../onboarding/use-welcome-shown';
import { WelcomeScreen } from '../onboarding/WelcomeScreen';
import { StoreProblemBanners } from '../notices/StoreProblemBanners';
import { SystemPromptBar } from '../system-prompt/SystemPromptBar';
import { Transcript } from '../transcript/Transcript';
import { TranscriptProfiler } from '../transcript/TranscriptProfiler';

export function ChatPane() {
  const welcome = useWelcomeShown();
  return (
    <main className="chat-pane">
      <ChatHeader />
      <StoreProblemBanners />
      <SystemPromptBar />
      {welcome ? (
        <WelcomeScreen />
      ) : (
        <TranscriptProfiler>
          <Transcript />
        </TranscriptProfiler>
      )}
      <div className="chat-footer">
        <ActionNotice />
        <Composer />
      </div>
      <ModelsDialogHost />
    </main>
  );
}
