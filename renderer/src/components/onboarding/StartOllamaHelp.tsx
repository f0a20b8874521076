import { useState } from 'react';

type Os = 'macos' | 'linux' | 'windows';

const OLLAMA_DOWNLOAD = 'https://ollama.com/download';

const steps: Record<Os, { label: string; install: string; commands: string[] }> = {
  macos: {
    label: 'macOS',
    install: 'Install the Ollama app, or with Homebrew:',
    commands: ['brew install ollama', 'ollama serve', 'ollama pull llama3.2'],
  },
  linux: {
    label: 'Linux',
    install: 'Install it with the official script, then start it (or it already runs as a service):',
    commands: ['curl -fsSL https://ollama.com/install.sh | sh', 'ollama serve', 'ollama pull llama3.2'],
  },
  windows: {
    label: 'Windows',
    install: 'Install the Ollama app (it starts by itself), then in a terminal:',
    commands: ['ollama pull llama3.2'],
  },
};

/** The user's system, guessed from the browser's own report, to show its commands first. */
function guessOs(): Os {
  const platform = typeof navigator === 'undefined' ? '' : `${navigator.platform} ${navigator.userAgent}`;
  if (/mac/i.test(platform)) return 'macos';
  if (/win/i.test(platform)) return 'windows';
  return 'linux';
}

/** How to start Ollama, per system, as commands to copy; the download page opens outside the app. */
export function StartOllamaHelp() {
  const [os, setOs] = useState<Os>(guessOs);
  const shown = steps[os];
  return (
    <div className="start-ollama">
      <h3 className="welcome-subtitle">Start Ollama</h3>
      <p>
        Ollama runs models on this computer, free and offline. Download it from{' '}
        <a href={OLLAMA_DOWNLOAD} target="_blank" rel="noreferrer noopener">
          ollama.com/download
        </a>
        .
      </p>
      <div className="os-choice" role="group" aria-label="Your system">
        {(Object.keys(steps) as Os[]).map((key) => (
          <button
            key={key}
            type="button"
            className="button button-small"
            aria-pressed={key === os}
            onClick={() => setOs(key)}
          >
            {steps[key].label}
          </button>
        ))}
      </div>
      <p>{shown.install}</p>
      <pre className="welcome-commands" aria-label={`Commands for ${shown.label}`}>
        <code>{shown.commands.join('\n')}</code>
      </pre>
      <p className="welcome-note">Then choose Check again.</p>
    </div>
  );
}
