import type { ExportedFile } from '../../../shared/domain/exported-file';

/**
 * Saves an exported file the way both Chromium and Electron take it: a Blob behind a temporary
 * link with `download`. The object URL is freed once the browser has had time to start the download.
 */
export function downloadFile(file: ExportedFile): void {
  const blob = new Blob([file.content], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
