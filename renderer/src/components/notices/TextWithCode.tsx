import { inlineCodePieces } from '../../format/inline-code';

/** Plain text with its `code` spans shown as code (a command to run, a flag, a file name). */
export function TextWithCode({ text }: { text: string }) {
  return (
    <>
      {inlineCodePieces(text).map((piece, i) =>
        piece.code ? (
          <code key={i} className="inline-code">
            {piece.text}
          </code>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
