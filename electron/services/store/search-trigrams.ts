/**
 * A compact fingerprint of a conversation's text: one bit per hashed trigram of ASCII characters
 * (case-folded), about one bit per character of text, so a search skips the conversations that
 * cannot hold the query without scanning them. Exact for the case-insensitive expression search
 * uses (`i` without `u`, where an ASCII letter only ever matches an ASCII letter): only trigrams of
 * three ASCII characters that are not whitespace are recorded, and only those are looked up.
 */
export type Trigrams = Uint32Array;

const MIN_BITS = 2048;
const MAX_BITS = 131_072;

/** ASCII, not whitespace or control: its lowercase code; anything else breaks a trigram. */
function fold(code: number): number {
  if (code <= 32 || code >= 127) return -1;
  return code >= 65 && code <= 90 ? code + 32 : code;
}

const hash = (a: number, b: number, c: number): number =>
  Math.imul((a << 14) ^ (b << 7) ^ c, 2654435761) >>> 0;

export function trigramsOf(text: string): Trigrams {
  let bits = MIN_BITS;
  while (bits < text.length && bits < MAX_BITS) bits *= 2;
  const set = new Uint32Array(bits >>> 5);
  const mask = bits - 1;
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = fold(text.charCodeAt(i));
    if (a >= 0 && b >= 0 && c >= 0) {
      const h = hash(a, b, c) & mask;
      set[h >>> 5]! |= 1 << (h & 31);
    }
    a = b;
    b = c;
  }
  return set;
}

/** The hashes a query's words need (its whitespace may match any whitespace, so trigrams never span it). */
export function queryTrigrams(words: readonly string[]): number[] {
  const out: number[] = [];
  for (const word of words) {
    for (let i = 2; i < word.length; i++) {
      const a = fold(word.charCodeAt(i - 2));
      const b = fold(word.charCodeAt(i - 1));
      const c = fold(word.charCodeAt(i));
      if (a >= 0 && b >= 0 && c >= 0) out.push(hash(a, b, c));
    }
  }
  return out;
}

/** False only when the text certainly does not contain the query. */
export function mayContain(set: Trigrams, hashes: readonly number[]): boolean {
  const mask = set.length * 32 - 1;
  for (const full of hashes) {
    const h = full & mask;
    if (((set[h >>> 5] ?? 0) & (1 << (h & 31))) === 0) return false;
  }
  return true;
}
