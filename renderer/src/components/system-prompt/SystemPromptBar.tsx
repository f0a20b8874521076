import { useId, useState } from 'react';
import { answerText } from '../../../../shared/domain/message-content';
import { useActiveStream } from '../../state/chat/use-streams';
import { useAppState } from '../../state/controller-context';
import { presetOfPrompt, systemPromptSummary } from '../../state/presets/preset-choice';
import '../../styles/system-prompt.css';
import { SystemPromptEditor } from './SystemPromptEditor';
import { usePresets } from './use-presets';

/**
 * Above the transcript: the open conversation's system prompt in one line (or "No system prompt
 * (Plain assistant)"), opening to choose a preset, edit the prompt, save it as a preset and manage
 * the saved ones. The prompt is sent first with every request, also when older turns are left out.
 */
export function SystemPromptBar() {
  const open = useAppState((s) => s.open);
  const selectedId = useAppState((s) => s.selectedId);
  const streaming = useActiveStream(selectedId) !== undefined;
  const { presets, loaded } = usePresets();
  const [expanded, setExpanded] = useState(false);
  const panelId = useId();
  // The first system message, wherever it sits in the list (one set after some turns sits after them).
  const system = open?.messages.find((m) => m.role === 'system');
  const preset = presetOfPrompt(presets, system);
  // Until the presets are listed, a prompt is shown without a name rather than called "Custom".
  const summary =
    loaded || !system ? systemPromptSummary(system, preset) : answerText(system).replace(/\s+/g, ' ').trim();

  return (
    <section className="system-prompt" aria-label="System prompt" data-expanded={expanded || undefined}>
      <button
        type="button"
        className="system-prompt-toggle"
        aria-expanded={expanded}
        aria-controls={expanded ? panelId : undefined}
        onClick={() => setExpanded((value) => !value)}
      >
        <span className="system-prompt-caret" aria-hidden="true">
          {expanded ? '▾' : '▸'}
        </span>
        <span className="system-prompt-title">System prompt</span>
        <span className="system-prompt-summary" data-empty={!system || undefined}>
          {summary}
        </span>
      </button>
      {expanded && (
        <SystemPromptEditor
          id={panelId}
          key={open?.id ?? 'none'}
          system={system}
          preset={preset}
          presets={presets}
          streaming={streaming}
        />
      )}
    </section>
  );
}
