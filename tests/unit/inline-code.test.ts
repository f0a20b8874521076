import { describe, expect, it } from 'vitest';
import { inlineCodePieces } from '../../renderer/src/format/inline-code';

/** Error cards show `commands` as code, never literal backticks. */
describe('inlineCodePieces', () => {
  it('splits a fix at its code spans', () => {
    expect(inlineCodePieces('Start it with `ollama serve`, then `Retry`.')).toEqual([
      { code: false, text: 'Start it with ' },
      { code: true, text: 'ollama serve' },
      { code: false, text: ', then ' },
      { code: true, text: 'Retry' },
      { code: false, text: '.' },
    ]);
  });

  it('leaves text without spans, and lone or unclosed backticks, as text', () => {
    expect(inlineCodePieces('No code here.')).toEqual([{ code: false, text: 'No code here.' }]);
    expect(inlineCodePieces('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
    expect(inlineCodePieces('``')).toEqual([{ code: false, text: '``' }]);
    expect(inlineCodePieces('')).toEqual([]);
  });
});
