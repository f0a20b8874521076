import { IMAGE_MAX_SIDE } from '../../../shared/domain/attachment-limits';

/**
 * Images are made ready in the window, before upload: decoded with their EXIF orientation applied,
 * downscaled so the longest side is at most `IMAGE_MAX_SIDE` (what vision models look at anyway),
 * and re-encoded — which also drops EXIF and any other metadata (camera, place). A photo goes as
 * JPEG; a PNG, or anything with transparency, stays PNG (screenshots keep crisp text). A GIF gives
 * its first frame.
 */
export interface ProcessedImage {
  blob: Blob;
  mimeType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

export const JPEG_QUALITY = 0.85;

/** Refused images carry the reason shown on their chip. */
export class ImageRefusal extends Error {}

/** The size to draw at: the same when within the limit, else scaled so the longest side is `maxSide`. */
export function scaledSize(
  width: number,
  height: number,
  maxSide = IMAGE_MAX_SIDE,
): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const scale = maxSide / longest;
  return {
    width: Math.max(1, Math.min(maxSide, Math.round(width * scale))),
    height: Math.max(1, Math.min(maxSide, Math.round(height * scale))),
  };
}

/** Formats that can be partly transparent (JPEG cannot, so it never needs the check). */
const mayHaveAlpha = new Set(['image/png', 'image/webp', 'image/gif', 'image/avif']);

function hasTransparency(context: OffscreenCanvasRenderingContext2D, width: number, height: number): boolean {
  const pixels = context.getImageData(0, 0, width, height).data;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! < 255) return true;
  return false;
}

export async function processImage(file: Blob): Promise<ProcessedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageRefusal(
      'The image could not be read: it is damaged or not really an image. Attach another copy.',
    );
  }
  try {
    const { width, height } = scaledSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context)
      throw new ImageRefusal('The image could not be prepared: the window has no canvas. Restart the app.');
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const type = file.type.toLowerCase();
    const png = type === 'image/png' || (mayHaveAlpha.has(type) && hasTransparency(context, width, height));
    const mimeType = png ? 'image/png' : 'image/jpeg';
    const blob = await canvas.convertToBlob(
      png ? { type: mimeType } : { type: mimeType, quality: JPEG_QUALITY },
    );
    return { blob, mimeType, width, height };
  } finally {
    bitmap.close();
  }
}
