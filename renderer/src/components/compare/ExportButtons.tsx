import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/domain/compare';
import { useController } from '../../state/controller-context';
import { downloadFile } from '../../format/download-file';

/** Downloads the saved run as CSV (a row per prompt × backend) or Markdown (tables and answers). */
export function ExportButtons({ runId, disabled }: { runId: string; disabled: boolean }) {
  const { compare } = useController();
  const [busy, setBusy] = useState<ExportFormat>();
  const [done, setDone] = useState<string>();

  const exportAs = async (format: ExportFormat) => {
    setBusy(format);
    setDone(undefined);
    const exported = await compare.exportRun(runId, format);
    setBusy(undefined);
    if (!exported.ok) return;
    downloadFile(exported.value);
    setDone(`Saved ${exported.value.filename}.`);
  };

  return (
    <div className="export-buttons">
      <button
        type="button"
        className="button"
        disabled={disabled || busy !== undefined}
        onClick={() => void exportAs('csv')}
      >
        Export CSV
      </button>
      <button
        type="button"
        className="button"
        disabled={disabled || busy !== undefined}
        onClick={() => void exportAs('markdown')}
      >
        Export Markdown
      </button>
      <span className="export-status" role="status">
        {done}
      </span>
    </div>
  );
}
