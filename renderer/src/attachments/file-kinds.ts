import { ATTACHMENT_MAX_BYTES } from '../../../shared/domain/attachment-limits';

/**
 * What the composer does with a picked, pasted or dropped file before anything is uploaded: an image
 * to process in the window, a document to hand to main (which reads its text and has the last word),
 * or an early refusal for what is plainly too big or of a kind we cannot read.
 */
export type FileKind = { kind: 'image' } | { kind: 'document' } | { kind: 'refused'; reason: string };

/** What the file picker offers; main still checks each file's bytes. */
export const ACCEPTED_FILES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'text/*',
  'application/json',
  'application/pdf',
  '.md',
  '.markdown',
  '.txt',
  '.csv',
  '.json',
  '.pdf',
  '.ts',
  '.tsx',
  '.js',
  '.jsx',
  '.py',
  '.rs',
  '.go',
  '.java',
  '.c',
  '.h',
  '.cpp',
  '.cs',
  '.rb',
  '.php',
  '.sh',
  '.yaml',
  '.yml',
  '.toml',
  '.sql',
  '.html',
  '.css',
].join(',');

/** Images the window decodes and re-encodes (what Chromium reads); HEIC and the like it cannot. */
const decodableImages = /^image\/(png|jpeg|webp|gif|bmp|avif)$/;
const documentTypes =
  /^(text\/|application\/(json|pdf|x-sh|x-yaml|yaml|toml|sql|javascript|typescript|xml)$)/;
/** Kinds named in the refusal, so the user knows why rather than just "unsupported". */
const plainlyUnsupported: [RegExp, string][] = [
  [/^video\//, 'Videos can’t be attached. Attach a still image instead.'],
  [/^audio\//, 'Audio files can’t be attached.'],
  [/^image\/svg/, 'SVG drawings can’t be attached. Export it as PNG and attach that.'],
  [/^image\//, 'This image format can’t be read here. Save it as PNG or JPEG and attach that.'],
  [
    /officedocument|msword|ms-excel|ms-powerpoint|opendocument/,
    'Office documents can’t be read. Save it as PDF or plain text and attach that.',
  ],
  [/zip|x-tar|gzip|x-7z|x-rar|compressed/, 'Archives can’t be attached. Unpack it and attach the files.'],
  [/x-msdownload|x-executable|x-mach-binary|x-elf|octet-stream-exe/, 'Programs can’t be attached.'],
];
const unsupportedExtensions: [RegExp, string][] = [
  [/\.(docx?|xlsx?|pptx?|odt|ods|odp|rtf|pages|numbers|key)$/i, plainlyUnsupported[4]![1]],
  [/\.(zip|tar|gz|tgz|7z|rar|bz2|xz)$/i, plainlyUnsupported[5]![1]],
  [/\.(exe|dll|so|dylib|bin|app|dmg|iso|msi|deb|rpm)$/i, plainlyUnsupported[6]![1]],
  [/\.(mp4|mov|mkv|avi|webm)$/i, plainlyUnsupported[0]![1]],
  [/\.(mp3|wav|flac|ogg|m4a|aac)$/i, plainlyUnsupported[1]![1]],
  [/\.(heic|heif|tiff?|psd|raw|cr2|nef)$/i, plainlyUnsupported[3]![1]],
  [/\.svg$/i, plainlyUnsupported[2]![1]],
];

/** Said on the chip when a file is over the limit (the same words main uses). */
export const TOO_BIG = 'The file is over 20 MB. Attach a smaller one.';

export function fileKind(file: { name: string; type: string; size: number }): FileKind {
  if (file.size > ATTACHMENT_MAX_BYTES) return { kind: 'refused', reason: TOO_BIG };
  if (file.size === 0) return { kind: 'refused', reason: 'The file is empty. Attach one with content.' };
  const type = file.type.toLowerCase();
  if (decodableImages.test(type)) return { kind: 'image' };
  if (documentTypes.test(type)) return { kind: 'document' };
  for (const [pattern, reason] of plainlyUnsupported)
    if (pattern.test(type)) return { kind: 'refused', reason };
  for (const [pattern, reason] of unsupportedExtensions)
    if (pattern.test(file.name)) return { kind: 'refused', reason };
  if (/\.(png|jpe?g|webp|gif|bmp|avif)$/i.test(file.name)) return { kind: 'image' };
  // Source files often come without a type (.rs, .go…): main reads the bytes and decides.
  return { kind: 'document' };
}
