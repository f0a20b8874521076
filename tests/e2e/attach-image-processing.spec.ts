import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build, type Rollup } from 'vite';
import type * as ImageProcessing from '../../renderer/src/attachments/image-processing';

type ImageModule = typeof ImageProcessing;

/**
 * The composer's image pipeline in real Chromium: the renderer's own module (bundled from source as
 * the app bundles it) runs in a page. A 4000×3000 JPEG carrying EXIF orientation 6 ("rotate 90°
 * clockwise to show") must come out upright, at most 1568 px on its longest side, and without EXIF.
 */
const entry = fileURLToPath(new URL('../../renderer/src/attachments/image-processing.ts', import.meta.url));
let moduleCode = '';

test.beforeAll(async () => {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      lib: { entry, formats: ['iife'], name: 'imageProcessing', fileName: 'image-processing' },
    },
  })) as Rollup.RollupOutput[];
  const chunk = output[0]!.output.find((o) => o.type === 'chunk');
  moduleCode = chunk?.code ?? '';
  expect(moduleCode).toContain('createImageBitmap');
});

interface Outcome {
  width: number;
  height: number;
  mimeType: string;
  bitmap: [number, number];
  hasExif: boolean;
  top: number[];
  bottom: number[];
}

test('a 4000×3000 photo with EXIF orientation 6 comes out rotated, within 1568 px, without EXIF', async ({
  page,
}) => {
  await page.goto('about:blank');
  await page.addScriptTag({ content: moduleCode });
  const outcome: Outcome = await page.evaluate(async () => {
    // A landscape photo: left half red, right half blue.
    const canvas = new OffscreenCanvas(4000, 3000);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ff0000';
    context.fillRect(0, 0, 2000, 3000);
    context.fillStyle = '#0000ff';
    context.fillRect(2000, 0, 2000, 3000);
    const plain = new Uint8Array(
      await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer(),
    );
    // EXIF APP1 right after SOI: big-endian TIFF, IFD0 with one entry, Orientation (0x0112) = 6.
    // prettier-ignore
    const app1 = [
      0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00,
      0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
      0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00,
    ];
    const withExif = new Uint8Array(plain.length + app1.length);
    withExif.set(plain.subarray(0, 2), 0);
    withExif.set(app1, 2);
    withExif.set(plain.subarray(2), 2 + app1.length);
    const photo = new File([withExif], 'photo.jpg', { type: 'image/jpeg' });

    const api = (
      window as unknown as {
        imageProcessing: ImageModule;
      }
    ).imageProcessing;
    const result = await api.processImage(photo);
    const bytes = new Uint8Array(await result.blob.arrayBuffer());
    const text = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 4096)));
    const decoded = await createImageBitmap(result.blob);
    const check = new OffscreenCanvas(decoded.width, decoded.height).getContext('2d')!;
    check.drawImage(decoded, 0, 0);
    const at = (x: number, y: number) => [...check.getImageData(x, y, 1, 1).data.slice(0, 3)];
    return {
      width: result.width,
      height: result.height,
      mimeType: result.mimeType,
      bitmap: [decoded.width, decoded.height],
      hasExif: text.includes('Exif\u0000\u0000'),
      // Turned clockwise, the red left half is now the top.
      top: at(Math.floor(decoded.width / 2), 10),
      bottom: at(Math.floor(decoded.width / 2), decoded.height - 10),
    };
  });
  expect(outcome.mimeType).toBe('image/jpeg');
  expect([outcome.width, outcome.height]).toEqual([1176, 1568]);
  expect(outcome.bitmap).toEqual([1176, 1568]);
  expect(outcome.hasExif).toBe(false);
  const [r1, , b1] = outcome.top;
  const [r2, , b2] = outcome.bottom;
  expect(r1).toBeGreaterThan(200);
  expect(b1).toBeLessThan(60);
  expect(b2).toBeGreaterThan(200);
  expect(r2).toBeLessThan(60);
});

test('a damaged image is refused with the reason; a transparent PNG stays PNG', async ({ page }) => {
  await page.goto('about:blank');
  await page.addScriptTag({ content: moduleCode });
  const outcome = await page.evaluate(async () => {
    const api = (
      window as unknown as {
        imageProcessing: ImageModule;
      }
    ).imageProcessing;
    let refusal = '';
    try {
      await api.processImage(
        new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'broken.jpg', { type: 'image/jpeg' }),
      );
    } catch (error) {
      refusal = error instanceof api.ImageRefusal ? error.message : `other: ${String(error)}`;
    }
    const canvas = new OffscreenCanvas(40, 20);
    canvas.getContext('2d')!.fillRect(0, 0, 20, 20); // the right half stays transparent
    const webp = await canvas.convertToBlob({ type: 'image/webp', quality: 1 });
    const transparent = await api.processImage(new File([webp], 'logo.webp', { type: 'image/webp' }));
    return { refusal, mimeType: transparent.mimeType, size: [transparent.width, transparent.height] };
  });
  expect(outcome.refusal).toMatch(/could not be read/);
  expect(outcome.mimeType).toBe('image/png');
  expect(outcome.size).toEqual([40, 20]);
});
