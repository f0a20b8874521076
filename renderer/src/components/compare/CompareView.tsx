import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { BUILT_IN_PROMPT_SETS, type PromptSet } from '../../../../shared/domain/compare';
import {
  emptyDraft,
  initialPairs,
  paramErrors,
  runBlocker,
  startInput,
  withPrefill,
  type CompareDraft,
  type PairDraft,
} from '../../state/compare/compare-form';
import { chatSource, withChatSource } from '../../state/compare/compare-from-chat';
import { progressAnnouncement } from '../../state/compare/compare-run-ops';
import { useAppState, useController } from '../../state/controller-context';
import '../../styles/compare.css';
import { CompareNoticeView } from './CompareNoticeView';
import { PairsChooser } from './PairsChooser';
import { PromptSourcePicker } from './PromptSource';
import { RunBar } from './RunBar';
import { RunOptions } from './RunOptions';
import { RunResults } from './RunResults';
import { SavedRuns } from './SavedRuns';
import { useCompareState } from './use-compare-state';

/** The host's sets, with the built-in ones first even before (or without) its answer. */
function withBuiltIns(sets: readonly PromptSet[]): PromptSet[] {
  const missing = BUILT_IN_PROMPT_SETS.filter((b) => !sets.some((s) => s.id === b.id));
  return [...missing, ...sets];
}

const firstDraft: CompareDraft = { ...emptyDraft, setId: BUILT_IN_PROMPT_SETS[0]?.id ?? '' };

/**
 * Compare backends, a view in the main window: choose two or more profile + model pairs and the
 * prompts, run them (one backend at a time unless asked otherwise), watch the answers stream side
 * by side, read the tables, export, and reopen saved runs. Stays mounted while hidden, so a run
 * goes on streaming in and the form keeps what was typed.
 */
export default function CompareView({ hidden }: { hidden: boolean }) {
  const controller = useController();
  const { compare } = controller;
  const profiles = useAppState((s) => s.profiles);
  const defaultProfileId = useAppState((s) => s.defaultProfileId);
  const request = useAppState((s) => s.compareRequest);
  const hostSets = useCompareState((s) => s.promptSets);
  const shown = useCompareState((s) => s.shown);
  const starting = useCompareState((s) => s.starting);
  const startError = useCompareState((s) => s.startError);

  const [draft, setDraft] = useState<CompareDraft>(() =>
    request.prompt !== undefined ? withPrefill(firstDraft, request.prompt) : firstDraft,
  );
  /** The last request seen, and whether it brought a prompt (which then takes focus). */
  const [focus, setFocus] = useState({ seq: request.seq, prompt: request.prompt !== undefined });
  /** The default profile the offered pairs were made for, until the user edits them (then: edited). */
  const [seed, setSeed] = useState<{ defaultId: string | undefined } | 'edited'>();
  const heading = useRef<HTMLHeadingElement>(null);
  const singlePrompt = useRef<HTMLTextAreaElement>(null);
  const modelFilled = useRef(new Set<string>());
  const sets = useMemo(() => withBuiltIns(hostSets), [hostSets]);
  const running = shown?.status === 'running';

  useEffect(() => compare.start(), [compare]);

  // The first pairs, once the profiles are known: the default backend and the next one. Offered
  // again when the default changes (another profile made default), until the user edits them.
  const reseed = seed !== 'edited' && seed !== undefined && seed.defaultId !== defaultProfileId;
  if (profiles.length > 0 && (seed === undefined || reseed)) {
    setSeed({ defaultId: defaultProfileId });
    setDraft((d) => {
      if (d.pairs.length > 0 && !reseed) return d;
      // Fresh keys, so each new pair's model is filled in again.
      let key = Math.max(0, ...d.pairs.map((p) => p.key));
      return { ...d, pairs: initialPairs(profiles, defaultProfileId, () => ++key) };
    });
  }

  // Asked again ("Compare this prompt…" on another message, or the header button).
  if (request.seq !== focus.seq) {
    setFocus({ seq: request.seq, prompt: request.prompt !== undefined });
    const prompt = request.prompt;
    if (prompt !== undefined) setDraft((d) => withPrefill(d, prompt));
  }

  // "Compare this prompt…": the conversation's backend and model come first, with its system prompt.
  const fromChat = request.conversationId;
  useEffect(() => {
    if (fromChat === undefined) return;
    let live = true;
    void (async () => {
      const state = controller.store.getState();
      const summary = state.conversations.find((c) => c.id === fromChat);
      let messages = state.open?.id === fromChat ? state.open.messages : undefined;
      if (!messages) {
        const loaded = await controller.request('conversations.get', { id: fromChat });
        messages = loaded.ok ? loaded.value.messages : [];
      }
      const { profiles: known, defaultProfileId: fallback } = controller.store.getState();
      const source = chatSource(summary, messages, known, fallback);
      if (live && source) {
        setSeed('edited');
        setDraft((d) => withChatSource(d, source, known));
      }
    })();
    return () => {
      live = false;
    };
  }, [controller, fromChat, request.seq]);

  useEffect(() => {
    if (hidden) return;
    if (!focus.prompt) return heading.current?.focus();
    // A prompt from the chat starts a fresh comparison: a finished run on screen makes way (it stays saved).
    const { shown: onScreen } = compare.store.getState();
    if (onScreen && onScreen.status !== 'running') compare.closeShown();
    singlePrompt.current?.focus();
  }, [hidden, focus, compare]);

  // A pair without a model gets its profile's default, else the first model its backend lists.
  useEffect(() => {
    for (const pair of draft.pairs) {
      const tried = `${pair.key}:${pair.profileId}`;
      if (pair.model || !pair.profileId || modelFilled.current.has(tried)) continue;
      modelFilled.current.add(tried);
      void fillModel(pair);
    }
    async function fillModel(pair: PairDraft) {
      const profile = controller.store.getState().profiles.find((p) => p.id === pair.profileId);
      let model = profile?.defaultModel;
      if (!model) {
        await controller.loadModels(pair.profileId);
        model = controller.store.getState().modelChoices[pair.profileId]?.models[0]?.id;
      }
      if (!model) return;
      const chosen = model;
      setDraft((d) => ({
        ...d,
        pairs: d.pairs.map((p) =>
          p.key === pair.key && p.profileId === pair.profileId && !p.model ? { ...p, model: chosen } : p,
        ),
      }));
    }
  }, [draft.pairs, controller]);

  const change = (patch: Partial<CompareDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (startError) compare.clearStartError();
  };

  /** Pair edits go through the latest draft: a model filled in meanwhile is never undone. */
  const editPairs = (edit: (pairs: PairDraft[]) => PairDraft[]) => {
    setSeed('edited');
    setDraft((d) => ({ ...d, pairs: edit(d.pairs) }));
    if (startError) compare.clearStartError();
  };

  const addPair = () =>
    editPairs((pairs) => {
      const last = pairs.at(-1);
      const profile =
        profiles.find((p) => !pairs.some((pair) => pair.profileId === p.id)) ??
        profiles.find((p) => p.id === last?.profileId) ??
        profiles[0];
      if (!profile) return pairs;
      const key = Math.max(0, ...pairs.map((p) => p.key)) + 1;
      return [...pairs, { key, profileId: profile.id, model: profile.defaultModel ?? '' }];
    });

  const fields = { ...paramErrors(draft), ...startError?.fields };
  const blocker =
    runBlocker(draft, sets) ?? (running ? 'A run is going: stop it or let it finish first.' : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blocker || starting) return;
    void compare.run(startInput(draft, sets));
  };

  return (
    <section className="compare" hidden={hidden} aria-labelledby="compare-title">
      <header className="settings-header compare-header">
        <button
          type="button"
          className="button button-quiet back-button"
          onClick={() => controller.closeCompare()}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M10 3 5 8l5 5" />
          </svg>
          Back to chat
        </button>
        <h1 id="compare-title" className="settings-title" ref={heading} tabIndex={-1}>
          Compare backends
        </h1>
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">
        {shown ? progressAnnouncement(shown) : ''}
      </p>
      <div className="compare-body">
        <aside className="compare-aside">
          <SavedRuns />
        </aside>
        <div className="compare-main">
          <CompareNoticeView />
          <form className="compare-form" onSubmit={onSubmit} aria-label="New compare run" noValidate>
            <PairsChooser
              pairs={draft.pairs}
              profiles={profiles}
              fields={startError?.fields}
              disabled={false}
              onChangePair={(key, patch) => {
                // A profile chosen (again) gets its model filled in (again).
                if (patch.profileId) modelFilled.current.delete(`${key}:${patch.profileId}`);
                editPairs((pairs) => pairs.map((p) => (p.key === key ? { ...p, ...patch } : p)));
              }}
              onRemove={(key) => editPairs((pairs) => pairs.filter((p) => p.key !== key))}
              onAdd={addPair}
            />
            <PromptSourcePicker
              draft={draft}
              sets={sets}
              fields={startError?.fields}
              disabled={false}
              singleRef={singlePrompt}
              onChange={change}
            />
            <RunOptions draft={draft} errors={fields} disabled={false} onChange={change} />
            <RunBar
              blocker={blocker}
              starting={starting}
              running={running}
              error={startError}
              onStop={() => void compare.cancel()}
            />
          </form>
          {shown && <RunResults run={shown} />}
        </div>
      </div>
    </section>
  );
}
