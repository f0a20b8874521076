import { useEffect, useRef, useState } from 'react';
import '../../styles/onboarding.css';
import { useAppState, useController } from '../../state/controller-context';
import type { ScanState } from '../../state/onboarding/onboarding-controller';
import { isFirstRun } from '../../state/onboarding/onboarding-due';
import { useOnboardingState } from '../../state/onboarding/use-onboarding-state';
import { ErrorDetails } from '../notices/ErrorDetails';
import { FoundServers } from './FoundServers';
import { OtherWays } from './OtherWays';
import { StartOllamaHelp } from './StartOllamaHelp';

function scanText(scan: ScanState): string {
  switch (scan.phase) {
    case 'idle':
    case 'scanning':
      return 'Looking for model servers on this computer…';
    case 'failed':
      return 'The search for model servers did not finish.';
    case 'done': {
      const n = scan.report.servers.length;
      if (n === 0)
        return `No model server is running on this computer (checked ports ${scan.report.ports.join(', ')}).`;
      return `Found ${n} model server${n === 1 ? '' : 's'} on this computer.`;
    }
  }
}

/**
 * Shown in place of the empty chat on first run, when no backend answers, or from settings' "Find
 * local servers": the servers found on this computer, each a profile in one click; with none, how to
 * start Ollama, a cloud key or a URL. Skipping it leaves the chat as it was.
 */
export function WelcomeScreen() {
  const controller = useController();
  const scan = useOnboardingState((s) => s.scan);
  const focusRequest = useOnboardingState((s) => s.focusRequest);
  const addedHere = useOnboardingState((s) => Object.keys(s.added).length > 0);
  // A greeting on first run, a search when opened from settings; fixed once shown, so adding a
  // server (no longer a first run) does not retitle the screen under the user.
  const firstRunNow = useAppState(isFirstRun) && focusRequest === 0;
  const [firstRun] = useState(firstRunNow);
  const chatShown = useAppState((s) => s.view === 'chat');
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(0);

  useEffect(() => controller.onboarding.scanOnce(), [controller]);
  // Opened from settings: the heading takes focus once the chat shows again (after the view's own
  // focus restore, which runs as a layout effect).
  useEffect(() => {
    if (focusRequest === focused.current || !chatShown) return;
    focused.current = focusRequest;
    heading.current?.focus();
  }, [focusRequest, chatShown]);

  const servers = scan.phase === 'done' ? scan.report.servers : [];
  const ready = addedHere || servers.some((s) => s.profileId !== undefined);
  const scanning = scan.phase === 'scanning' || scan.phase === 'idle';

  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title" className="welcome-title" ref={heading} tabIndex={-1}>
        {firstRun ? 'Welcome to Local LLM Desk' : 'Find a model server'}
      </h2>
      <p className="welcome-lead">
        {firstRun
          ? 'Replies come from a model server you choose. First, let’s see what runs on this computer.'
          : 'None of your backends is answering, or you asked to look again. Here is what runs on this computer.'}
      </p>
      <p className="welcome-status" role="status" aria-busy={scanning || undefined}>
        {scanText(scan)}
      </p>
      {scan.phase === 'failed' && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={scan.error} />
        </div>
      )}
      {servers.length > 0 && <FoundServers servers={servers} />}
      {scan.phase === 'done' && servers.length === 0 && <StartOllamaHelp />}
      <div className="welcome-actions">
        <button
          type="button"
          className="button"
          aria-disabled={scanning || undefined}
          onClick={() => {
            if (!scanning) void controller.onboarding.scan();
          }}
        >
          {scanning ? 'Looking…' : 'Check again'}
        </button>
      </div>
      <OtherWays />
      <div className="welcome-footer">
        <button
          type="button"
          className={ready ? 'button button-primary' : 'button button-quiet'}
          onClick={() => {
            controller.onboarding.dismiss();
            controller.focusComposer();
          }}
        >
          {ready ? 'Start chatting' : 'Skip for now'}
        </button>
      </div>
    </section>
  );
}
