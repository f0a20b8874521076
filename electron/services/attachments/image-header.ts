import type { imageMimeTypes } from '../../../shared/domain/attachment-limits';

export type ImageMimeType = (typeof imageMimeTypes)[number];

/**
 * Image types told by their first bytes (never by the name or the type the client declared), and
 * their size read from the header. Nothing is decoded: main stores what the window re-encoded.
 */
export function sniffImage(bytes: Uint8Array): ImageMimeType | undefined {
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  return undefined;
}

/** Image formats we recognise but do not take (the window converts what the browser can decode). */
export function otherImageKind(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 0, 2) === 'BM') return 'BMP';
  if (starts(bytes, [0x49, 0x49, 0x2a, 0x00]) || starts(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  const brand = ascii(bytes, 4, 8);
  if (brand === 'ftypheic' || brand === 'ftypheix' || brand === 'ftypmif1') return 'HEIC';
  if (brand === 'ftypavif') return 'AVIF';
  return undefined;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** The width and height the header says, or undefined when the header does not parse. */
export function imageSize(bytes: Uint8Array, type: ImageMimeType): ImageSize | undefined {
  const size = (() => {
    switch (type) {
      case 'image/png':
        return pngSize(bytes);
      case 'image/jpeg':
        return jpegSize(bytes);
      case 'image/webp':
        return webpSize(bytes);
      case 'image/gif':
        return bytes.length >= 13 ? { width: u16le(bytes, 6), height: u16le(bytes, 8) } : undefined;
    }
  })();
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}

function pngSize(bytes: Uint8Array): ImageSize | undefined {
  // The first chunk is IHDR: length 13, then width and height as big-endian 32-bit.
  if (bytes.length < 33 || ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

function jpegSize(bytes: Uint8Array): ImageSize | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // image data before any frame header
    const length = u16be(bytes, at + 2);
    if (length < 2) return undefined;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > bytes.length) return undefined;
      return { height: u16be(bytes, at + 5), width: u16be(bytes, at + 7) };
    }
    at += 2 + length;
  }
  return undefined;
}

function webpSize(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 30) return undefined;
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    if (!starts(bytes.subarray(23), [0x9d, 0x01, 0x2a])) return undefined;
    return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return undefined;
    const b = (i: number) => bytes[21 + i]!;
    return {
      width: 1 + (b(0) | ((b(1) & 0x3f) << 8)),
      height: 1 + ((b(1) >> 6) | (b(2) << 2) | ((b(3) & 0x0f) << 10)),
    };
  }
  if (chunk === 'VP8X') {
    const u24 = (i: number) => bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16);
    return { width: 1 + u24(24), height: 1 + u24(27) };
  }
  return undefined;
}

const starts = (bytes: Uint8Array, prefix: number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  bytes.length < at + length ? '' : String.fromCharCode(...bytes.subarray(at, at + length));
const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32be = (b: Uint8Array, i: number) =>
  ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
