// `npm run icons`: every icon the app ships, rendered from the one source image build/icon.svg.
//
//   build/icons/<n>x<n>.png  app icon at 16…1024 px (Linux icon set; the sources of the two below)
//   build/icon.ico           Windows: 16…256 px, BMP below 256 and PNG at 256, as NSIS and Explorer expect
//   build/icon.icns          macOS
//   build/tray/*.png         tray images: the #glyph symbol of icon.svg alone, in one colour, 16 px and @2x
//
// The output is deterministic (same source, same bytes), so it is committed, and
// `node scripts/make-icons.mjs --check` (part of the packaging check) fails when a committed file no
// longer matches the source. Generate on Linux x64, where the check runs: another CPU's rasteriser
// may anti-alias a few pixels differently.
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const buildDir = join(root, 'build');
const source = readFileSync(join(buildDir, 'icon.svg'), 'utf8');

export const appIconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];

/**
 * Tray images, for `join(process.resourcesPath, 'tray')` when packaged and `build/tray` in development.
 * `tray-light` is a dark glyph for light panels, `tray-dark` a light glyph for dark panels, and
 * `trayTemplate` black with alpha only, which macOS recolours itself (the name must end in "Template").
 */
export const trayImages = [
  { name: 'tray-light', color: '#1f2328' },
  { name: 'tray-dark', color: '#f3f4f6' },
  { name: 'trayTemplate', color: '#000000' },
];
const traySize = 16;

/** An SVG string as a PNG `size` pixels wide, plus its pixels (RGBA, premultiplied). */
function render(svg, size) {
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false }, // no text in the icons: no system fonts, same output everywhere
  }).render();
  if (image.width !== size || image.height !== size) {
    throw new Error(`rendered ${image.width}x${image.height}, expected ${size}x${size}`);
  }
  return { png: Buffer.from(image.asPng()), pixels: Buffer.from(image.pixels) };
}

/** The tray glyph: icon.svg's `<symbol id="glyph">`, drawn alone in one colour on a transparent square. */
function glyphSvg(color) {
  const symbol = source.match(/<symbol\b[^>]*\bid="glyph"[^>]*>[\s\S]*?<\/symbol>/)?.[0];
  if (!symbol) throw new Error('build/icon.svg has no <symbol id="glyph">');
  const viewBox = symbol.match(/viewBox="([^"]+)"/)?.[1] ?? '0 0 64 64';
  const [, , width, height] = viewBox.split(/[\s,]+/).map(Number);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs>${symbol}</defs>` +
    `<use xlink:href="#glyph" width="${width}" height="${height}" fill="${color}"/></svg>`
  );
}

/** One BMP (DIB) icon entry: 32-bit BGRA bottom-up with straight alpha, then the 1-bit AND mask. */
function bmpEntry(pixels, size) {
  const maskStride = Math.ceil(size / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4 + maskStride * size, 20);
  const colour = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskStride * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y;
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = (row * size + x) * 4;
      const alpha = pixels[from + 3];
      const straight = (c) => (alpha === 0 ? 0 : Math.min(255, Math.round((c * 255) / alpha)));
      colour[to] = straight(pixels[from + 2]);
      colour[to + 1] = straight(pixels[from + 1]);
      colour[to + 2] = straight(pixels[from]);
      colour[to + 3] = alpha;
      if (alpha === 0) mask[row * maskStride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, colour, mask]);
}

/** A Windows .ico holding every size in `icoSizes`, each rendered from the vector source. */
function ico(renders) {
  const images = icoSizes.map((size) => {
    const { png, pixels } = renders.get(size);
    return { size, data: size >= 256 ? png : bmpEntry(pixels, size) };
  });
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    directory.writeUInt8(size >= 256 ? 0 : size, entry);
    directory.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    directory.writeUInt8(0, entry + 2);
    directory.writeUInt8(0, entry + 3);
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(data.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([directory, ...images.map((image) => image.data)]);
}

/** Every output file, path (relative to the repository) → bytes. */
export function makeIcons() {
  const files = new Map();
  const renders = new Map(appIconSizes.map((size) => [size, render(source, size)]));
  for (const [size, { png }] of renders) files.set(`build/icons/${size}x${size}.png`, png);
  files.set('build/icon.ico', ico(renders));
  const icns = png2icons.createICNS(renders.get(1024).png, png2icons.BICUBIC2, 0);
  if (!icns) throw new Error('png2icons could not create the ICNS file');
  files.set('build/icon.icns', icns);

  for (const { name, color } of trayImages) {
    const svg = glyphSvg(color);
    for (const [suffix, size] of [
      ['', traySize],
      ['@2x', traySize * 2],
    ]) {
      const { png, pixels } = render(svg, size);
      if (color === '#000000') {
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i] || pixels[i + 1] || pixels[i + 2]) throw new Error(`${name} is not black + alpha`);
        }
      }
      files.set(`build/tray/${name}${suffix}.png`, png);
    }
  }
  return files;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const check = process.argv.includes('--check');
  const files = makeIcons();
  const stale = [];
  for (const [path, bytes] of files) {
    const target = join(root, path);
    if (check) {
      let current;
      try {
        current = readFileSync(target);
      } catch {
        current = undefined;
      }
      if (!current || !current.equals(bytes)) stale.push(path);
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
  }
  if (check) {
    if (stale.length) {
      console.error(
        `Icons out of date with build/icon.svg (run \`npm run icons\`):\n  ${stale.join('\n  ')}`,
      );
      process.exit(1);
    }
    console.log(`All ${files.size} icon files match build/icon.svg.`);
  } else {
    console.log(`Wrote ${files.size} files from ${relative(root, join(buildDir, 'icon.svg'))}:`);
    for (const path of files.keys()) console.log(`  ${path}`);
  }
}
