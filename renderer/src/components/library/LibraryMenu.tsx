import { useRef, useState, type ChangeEvent } from 'react';
import type { ConversationExportFormat } from '../../../../shared/domain/conversation-export';
import { useAppState } from '../../state/controller-context';
import type { ImportOutcome } from '../../state/library/library-controller';
import { useLibrary } from '../../state/library/use-library';
import { ImportResultDialog } from './ImportResultDialog';
import { MenuButton } from './MenuButton';

/**
 * The whole library at once: export every conversation as Markdown (to read) or JSON (to import
 * again), and import a JSON export. An import is checked whole before anything is written.
 */
export function LibraryMenu() {
  const library = useLibrary();
  const count = useAppState((s) => s.conversations.length);
  const fileInput = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const [result, setResult] = useState<{ fileName: string; outcome: ImportOutcome }>();

  const exportAll = async (format: ConversationExportFormat) => {
    setStatus('Exporting…');
    const name = await library.exportConversations(undefined, format);
    setStatus(name ? `Saved ${name}.` : '');
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again
    if (!file) return;
    setStatus(`Importing ${file.name}…`);
    let outcome: ImportOutcome;
    try {
      outcome = await library.importText(await file.text());
    } catch (error) {
      outcome = {
        ok: false,
        error: {
          code: 'invalid-input',
          message: `The file could not be read (${error instanceof Error ? error.message : String(error)}).`,
          fix: 'Nothing was imported. Check that the file is still there and readable, then try again.',
          retryable: false,
        },
      };
    }
    setStatus('');
    setResult({ fileName: file.name, outcome });
  };

  return (
    <>
      <MenuButton
        className="button button-quiet library-button"
        label="Library"
        title="Export or import conversations"
        items={[
          {
            label: 'Export all as Markdown',
            disabled: count === 0,
            onSelect: () => void exportAll('markdown'),
          },
          { label: 'Export all as JSON', disabled: count === 0, onSelect: () => void exportAll('json') },
          { label: 'Import conversations…', onSelect: () => fileInput.current?.click() },
        ]}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M3 2.5h3.5v11H3zM7.5 2.5H11v11H7.5zM11.5 3.2l2.6-.7 2 10.6-2.6.7" />
        </svg>
        Library
      </MenuButton>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Import conversations from a JSON export"
        onChange={(event) => void onFile(event)}
      />
      <span className="visually-hidden" role="status">
        {status}
      </span>
      {result && (
        <ImportResultDialog
          fileName={result.fileName}
          outcome={result.outcome}
          onClose={() => setResult(undefined)}
        />
      )}
    </>
  );
}
