import { z } from 'zod';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import { JsonDocFile } from '../presets/json-doc-file';
import type { OpenStore } from '../store/kv-store';

/**
 * Our tokenizer (cl100k) is not the model's, and chat templates add their own tokens. After each
 * reply whose server reported `prompt_tokens`, the ratio of its count to ours for that exact request
 * is learned per profile and model, and our estimates are multiplied by it.
 *
 * The ratio is of decayed sums (server tokens over our tokens, each sum halved per new sample), so
 * recent requests count most and big requests count more than small ones: a template's fixed
 * preamble makes a two-word prompt look 3× bigger to the server, which says little about a long
 * history. Requests under MIN_SAMPLE_TOKENS of ours are not used at all, nor are implausible ratios
 * (outside 0.25..4): some Ollama versions left cached prefix tokens out of `prompt_tokens`, and a
 * prompt the server truncated is counted after truncation. The factor is clamped to 0.5..2.5.
 */
export const CALIBRATION_MIN = 0.5;
export const CALIBRATION_MAX = 2.5;
export const MIN_SAMPLE_TOKENS = 32;
const DECAY = 0.5;
const MAX_ENTRIES = 200;
export const CALIBRATION_FILE = 'token-calibration';

const entrySchema = z.object({
  profileId: z.string().min(1),
  model: z.string().min(1),
  server: z.number().positive(),
  ours: z.number().positive(),
  samples: z.number().int().positive(),
  updatedAt: z.number(),
});
type Entry = z.infer<typeof entrySchema>;

export interface CalibrationOptions {
  /** Where to keep what was learned (`<dir>/token-calibration.json`); absent: memory only. */
  persist?: { dir: string; openStore: OpenStore; onProblem?: (problem: StoreProblem) => void };
  now?: () => number;
}

export class TokenCalibration {
  readonly #entries = new Map<string, Entry>();
  readonly #file: JsonDocFile<Entry[]> | undefined;
  readonly #now: () => number;
  #loaded = false;

  constructor(options: CalibrationOptions = {}) {
    this.#now = options.now ?? Date.now;
    const persist = options.persist;
    if (persist) {
      this.#file = new JsonDocFile<Entry[]>({
        dir: persist.dir,
        name: CALIBRATION_FILE,
        openStore: persist.openStore,
        parse: parseEntries,
        empty: () => [],
        label: 'tokens',
        recovery: 'token counts start uncalibrated again and are relearned from the next replies',
        ...(persist.onProblem ? { onProblem: persist.onProblem } : {}),
      });
    }
  }

  /** The factor for a profile and model (1 until the server's counts are known). */
  factor(profileId: string, model: string): { factor: number; calibrated: boolean } {
    const entry = this.#all().get(keyOf(profileId, model));
    return entry ? { factor: ratio(entry), calibrated: true } : { factor: 1, calibrated: false };
  }

  /**
   * Learns from one request: the server's prompt tokens against our raw (uncalibrated) estimate of
   * that same request. Returns the new factor.
   */
  record(profileId: string, model: string, serverTokens: number, ourTokens: number): number {
    const key = keyOf(profileId, model);
    const entries = this.#all();
    const previous = entries.get(key);
    const plausible = serverTokens >= ourTokens * 0.25 && serverTokens <= ourTokens * 4;
    if (!plausible || ourTokens < MIN_SAMPLE_TOKENS) return previous ? ratio(previous) : 1;
    const entry: Entry = previous
      ? {
          ...previous,
          server: previous.server * DECAY + serverTokens,
          ours: previous.ours * DECAY + ourTokens,
          samples: previous.samples + 1,
          updatedAt: this.#now(),
        }
      : { profileId, model, server: serverTokens, ours: ourTokens, samples: 1, updatedAt: this.#now() };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    this.#persist();
    return ratio(entry);
  }

  problems(): StoreProblem[] {
    return this.#file?.problems() ?? [];
  }

  #all(): Map<string, Entry> {
    if (!this.#loaded) {
      this.#loaded = true;
      for (const entry of this.#file?.value() ?? [])
        this.#entries.set(keyOf(entry.profileId, entry.model), entry);
    }
    return this.#entries;
  }

  #persist(): void {
    try {
      this.#file?.save([...this.#entries.values()]);
    } catch (error) {
      // What was learned stays in memory for this run; losing it costs only accuracy.
      console.warn('[tokens] could not save the token calibration', error);
    }
  }
}

const keyOf = (profileId: string, model: string) => `${profileId}\n${model}`;

const ratio = (entry: Pick<Entry, 'server' | 'ours'>) =>
  Math.min(CALIBRATION_MAX, Math.max(CALIBRATION_MIN, entry.server / entry.ours));

function parseEntries(data: unknown): { value: Entry[]; damaged: string[] } {
  if (!Array.isArray(data)) return { value: [], damaged: ['entries'] };
  const value: Entry[] = [];
  let bad = 0;
  for (const item of data) {
    const parsed = entrySchema.safeParse(item);
    if (parsed.success) value.push(parsed.data);
    else bad++;
  }
  return { value, damaged: bad > 0 ? [`${bad} entr${bad === 1 ? 'y' : 'ies'}`] : [] };
}
