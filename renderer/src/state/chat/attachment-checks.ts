import type { ModelInfo } from '../../../../shared/domain/profiles';
import type { FilePart } from '../../../../shared/domain/message-parts';
import type { DraftAttachment } from './draft-attachments';

/**
 * Two questions asked of a draft before it goes: can the model see its images, and — when a
 * document does not fit the context — how much of it would.
 */

export interface VisionWarning {
  model: string;
  /** Models of the same backend that say they can see (at most three), to name in the warning. */
  visionModels: string[];
}

/**
 * A warning when the draft holds an image and the model says it cannot see (`vision: false`).
 * The model is the conversation's, else the profile's default, else the first listed (what main
 * picks). The listing's word first, else main's (`reported`). An unknown capability warns
 * nothing: most servers do not say.
 */
export function visionWarningFor(
  attachments: readonly DraftAttachment[],
  model: string | undefined,
  models: readonly ModelInfo[],
  /** What main found for the conversation's model when the listing does not say. */
  reported?: boolean,
): VisionWarning | undefined {
  if (!attachments.some((a) => a.kind === 'image' && a.status !== 'refused')) return undefined;
  const id = model ?? models[0]?.id;
  const info = models.find((m) => m.id === id);
  if (!id || (info?.capabilities?.vision ?? reported) !== false) return undefined;
  const visionModels = models
    .filter((m) => m.capabilities?.vision === true)
    .slice(0, 3)
    .map((m) => m.id);
  return { model: id, visionModels };
}

/** "llama3.2 can't see images. Switch to a vision model (e.g. llava) or remove the image." */
export function visionWarningText(warning: VisionWarning, images: number): string {
  const example = warning.visionModels.length ? ` (e.g. ${warning.visionModels.join(', ')})` : '';
  const what = images === 1 ? 'the image' : 'the images';
  return `${warning.model} can't see images. Switch to a vision model${example} or remove ${what}.`;
}

/**
 * Characters per token assumed when cutting: lower than English prose's ~4, so that code, tables and
 * other languages (which tokenise denser) still fit after one cut.
 */
export const CUT_CHARS_PER_TOKEN = 3;
/** Tokens left spare after a cut, for the note telling the model the document was cut. */
export const CUT_MARGIN_TOKENS = 64;

export interface CutPlan {
  cutToChars: number;
  /** Of the whole document, rounded down (at least 1 when anything is kept). */
  percent: number;
}

/**
 * How much of a document to send so the draft fits: the prompt is over its budget by
 * `promptTokens - budgetTokens`; that many tokens (and a margin) come off the document's end.
 * Undefined when nothing of it would fit (then only Remove helps).
 */
export function cutToFit(
  part: Pick<FilePart, 'textChars' | 'cutToChars'>,
  figures: { promptTokens: number; budgetTokens: number },
): CutPlan | undefined {
  const over = figures.promptTokens - figures.budgetTokens;
  if (over <= 0) return undefined;
  const sent = Math.min(part.cutToChars ?? part.textChars, part.textChars);
  const keep = Math.floor(sent - (over + CUT_MARGIN_TOKENS) * CUT_CHARS_PER_TOKEN);
  if (keep < 1) return undefined;
  return { cutToChars: keep, percent: cutPercent(keep, part.textChars) };
}

export function cutPercent(cutToChars: number, textChars: number): number {
  return Math.max(1, Math.floor((100 * cutToChars) / Math.max(1, textChars)));
}

/** The note on a cut document's chip. */
export function cutNote(part: Pick<FilePart, 'textChars' | 'cutToChars'>): string | undefined {
  if (part.cutToChars === undefined || part.cutToChars >= part.textChars) return undefined;
  return `Only the first ${cutPercent(part.cutToChars, part.textChars)}% will be sent.`;
}
