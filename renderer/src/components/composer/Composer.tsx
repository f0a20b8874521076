import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { filesOf } from '../../attachments/file-reading';
import { visionWarningFor } from '../../state/chat/attachment-checks';
import { isReading, readyParts } from '../../state/chat/draft-attachments';
import { useActiveStream } from '../../state/chat/use-streams';
import { useAppState, useController } from '../../state/controller-context';
import { chosenModel, currentProfile } from '../../state/profiles/backend-selectors';
import { AttachButton } from './AttachButton';
import { AttachmentChips } from './AttachmentChips';
import { ContextMeter } from './ContextMeter';
import { useAutoGrowTextarea } from './use-auto-grow';
import { useContextMeter } from './use-context-meter';
import { useFileDrop } from './use-file-drop';
import { VisionWarning } from './VisionWarning';

/**
 * The message box. Enter sends, Shift+Enter adds a line, Escape stops a streaming reply. Send is
 * disabled while empty, while an attachment is being read, or while a reply streams; Stop appears
 * while one does. Files come by the paperclip, by paste or by drop, and show as chips above the
 * text. Under it, how full the model's context would be with this message.
 */
export function Composer() {
  const controller = useController();
  const selectedId = useAppState((s) => s.selectedId);
  const sending = useAppState((s) => s.sending);
  const focusRequest = useAppState((s) => s.composerFocus);
  const draft = useAppState((s) => s.draftText);
  const attachments = useAppState((s) => s.draftAttachments);
  const streaming = useActiveStream(selectedId) !== undefined;
  const textarea = useAutoGrowTextarea(draft);
  const parts = useMemo(() => readyParts(attachments), [attachments]);
  const meter = useContextMeter(draft, parts);
  const vision = useVisionWarning(meter.vision);
  const warningBox = useRef<HTMLDivElement>(null);
  const attach = (files: File[]) => void controller.attach(files);
  const drop = useFileDrop(attach);

  useEffect(() => {
    textarea.current?.focus();
  }, [focusRequest, textarea]);

  const reading = isReading(attachments);
  const canSend = (draft.trim().length > 0 || parts.length > 0) && !reading && !streaming && !sending;

  const submit = (anyway = false) => {
    if (!canSend) return;
    if (vision.warning && !anyway) {
      warningBox.current?.focus();
      return;
    }
    void controller.sendDraft();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // While an input method is composing, Enter confirms the composition, not the message.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && streaming) {
      event.preventDefault();
      void controller.stop();
    }
  };

  // A copied image (a screenshot, "Copy image") arrives as a file; copied text pastes as text.
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = filesOf(event.clipboardData);
    if (files.length === 0 || event.clipboardData.types.includes('text/plain')) return;
    event.preventDefault();
    attach(files);
  };

  const focusMessageBox = () => textarea.current?.focus();

  // The reply ended while Stop had focus (it went away with it): hand focus to the message box.
  const stopHadFocus = useRef(false);
  useLayoutEffect(() => {
    if (streaming || !stopHadFocus.current) return;
    stopHadFocus.current = false;
    if (document.activeElement === document.body || document.activeElement === null)
      textarea.current?.focus();
  }, [streaming, textarea]);

  return (
    <form className="composer" onSubmit={onSubmit} {...drop.handlers} data-dropping={drop.over || undefined}>
      {vision.warning && (
        <VisionWarning
          ref={warningBox}
          warning={vision.warning}
          images={vision.images}
          onChooseModel={() => controller.focusModelPicker()}
          onSendAnyway={() => {
            // The warning goes away with the button in it: focus goes back to the message box.
            focusMessageBox();
            vision.acknowledge();
            submit(true);
          }}
        />
      )}
      <div className="composer-box">
        {drop.over && (
          <div className="composer-drop" aria-hidden="true">
            Drop files to attach them
          </div>
        )}
        <AttachmentChips
          attachments={attachments}
          figures={meter.figures}
          focusMessageBox={focusMessageBox}
        />
        <div className="composer-row">
          <AttachButton onFiles={attach} />
          <textarea
            ref={textarea}
            className="composer-input"
            aria-label="Message"
            aria-describedby="composer-hint"
            placeholder="Message your model…"
            rows={1}
            value={draft}
            onChange={(event) => controller.setDraftText(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
          />
          <div className="composer-actions">
            {streaming && (
              <button
                type="button"
                className="button button-stop"
                onFocus={() => (stopHadFocus.current = true)}
                onBlur={(event) => {
                  // Focus moved on by the user; a blur from the button going away has no target.
                  if (event.relatedTarget) stopHadFocus.current = false;
                }}
                onClick={() => {
                  // The button goes away with the reply: focus waits in the message box, not on the page.
                  focusMessageBox();
                  void controller.stop();
                }}
              >
                Stop
              </button>
            )}
            <button type="submit" className="button button-primary" disabled={!canSend}>
              Send
            </button>
          </div>
        </div>
      </div>
      <ContextMeter figures={meter.figures} error={meter.error} />
      <p id="composer-hint" className="composer-hint">
        Enter to send · Shift+Enter for a new line{streaming ? ' · Escape to stop' : ''}
        {reading ? ' · Reading attachments…' : ''}
      </p>
    </form>
  );
}

/**
 * The vision warning for the draft's images and the conversation's model, until "Send anyway" for
 * this model and these images. Asks for the backend's model list when an image is attached (a
 * listing may say whether a model can see); where it does not (Ollama's), what main learnt for the
 * context preview (`reported`, from the adapter: Ollama's `/api/show`) decides.
 */
function useVisionWarning(reported: boolean | undefined) {
  const controller = useController();
  const attachments = useAppState((s) => s.draftAttachments);
  const profile = useAppState(currentProfile);
  const chosen = useAppState(chosenModel);
  const choices = useAppState((s) => (profile ? s.modelChoices[profile.id] : undefined));
  const [acknowledged, setAcknowledged] = useState<string>();
  const images = attachments.filter((a) => a.kind === 'image' && a.status !== 'refused');
  const hasImage = images.length > 0;

  useEffect(() => {
    if (hasImage && profile && !choices) void controller.loadModels(profile.id);
  }, [controller, hasImage, profile, choices]);

  // Where the listing does not say (Ollama's), ask main about the model a send would use.
  const model = chosen ?? profile?.defaultModel ?? choices?.models[0]?.id;
  const listed = choices?.models.find((m) => m.id === model)?.capabilities?.vision;
  const [asked, setAsked] = useState<{ key: string; vision: boolean | undefined }>();
  const askKey = profile && model ? `${profile.id}\n${model}` : undefined;
  useEffect(() => {
    if (!hasImage || !profile || !model || listed !== undefined || asked?.key === askKey) return;
    let live = true;
    void controller.modelCapabilities(profile.id, model).then((found) => {
      if (live && askKey) setAsked({ key: askKey, vision: found?.vision });
    });
    return () => {
      live = false;
    };
  }, [controller, hasImage, profile, model, listed, asked, askKey]);
  const known = reported ?? (asked?.key === askKey ? asked?.vision : undefined);

  const warning = visionWarningFor(attachments, model, choices?.models ?? [], known);
  const key = warning ? `${warning.model}|${images.map((a) => a.id).join(',')}` : undefined;
  return {
    warning: key !== undefined && key !== acknowledged ? warning : undefined,
    images: images.length,
    acknowledge: () => setAcknowledged(key),
  };
}
