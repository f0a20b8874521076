/** A file the app produced for the user to save (an export): the renderer offers it as a download. */
export interface ExportedFile {
  filename: string;
  mimeType: string;
  content: string;
}
