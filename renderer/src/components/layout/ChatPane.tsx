import { Composer } from '../composer/Composer';
import { ChatHeader } from '../header/ChatHeader';
import { ActionNotice } from '../notices/ActionNotice';
import { StoreProblemBanners } from '../notices/StoreProblemBanners';
import { SystemPromptBar } from '../system-prompt/SystemPromptBar';
import { Transcript } from '../transcript/Transcript';
import { TranscriptProfiler } from '../transcript/TranscriptProfiler';

export function ChatPane() {
  return (
    <main className="chat-pane">
      <ChatHeader />
      <StoreProblemBanners />
      <SystemPromptBar />
      <TranscriptProfiler>
        <Transcript />
      </TranscriptProfiler>
      <div className="chat-footer">
        <ActionNotice />
        <Composer />
      </div>
    </main>
  );
}
