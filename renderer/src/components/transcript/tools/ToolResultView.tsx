import type { ToolResultPart } from '../../../../../shared/domain/message-parts';
import { StreamingMarkdown } from '../../../markdown/StreamingMarkdown';
import { cutNote } from '../../../state/tools/tool-card';

/**
 * What a tool gave back, exactly as it went to the model: rendered like model output (the same safe
 * markdown, no raw HTML, links checked), since a tool's text is as untrusted as a model's. A cut
 * result says so; an error says it is one.
 */
export function ToolResultView({ result }: { result: ToolResultPart }) {
  const note = cutNote(result);
  return (
    <section className="tool-result" data-error={result.isError || undefined} aria-label="Result">
      <h4 className="tool-card-heading">{result.isError ? 'Error (the model saw this)' : 'Result'}</h4>
      {note && (
        <p className="tool-card-note" role="note">
          {note}
        </p>
      )}
      {result.content.trim() === '' ? (
        <p className="tool-card-note">(empty)</p>
      ) : (
        <div className="tool-result-body">
          <StreamingMarkdown text={result.content} streaming={false} />
        </div>
      )}
    </section>
  );
}
