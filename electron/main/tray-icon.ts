import { app, nativeImage, nativeTheme, type NativeImage } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The tray icon's files: packaged, in `resources/tray` (electron-builder's extraResources); in
 * development, `build/tray` under the app root. `tray-dark.png` is drawn for a dark panel (a light
 * glyph), `tray-light.png` for a light one; macOS uses `trayTemplate.png`, a black-and-alpha template
 * the system tints itself. Each may have an `@2x` sibling, which nativeImage picks up on HiDPI.
 */
export function trayIconDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'tray') : join(app.getAppPath(), 'build', 'tray');
}

export function trayIconFile(platform: NodeJS.Platform, dark: boolean): string {
  if (platform === 'darwin') return 'trayTemplate.png';
  return dark ? 'tray-dark.png' : 'tray-light.png';
}

/** The icon for the current theme; an empty image (never a crash) when the file is missing. */
export function trayIcon(platform: NodeJS.Platform = process.platform): NativeImage {
  const path = join(trayIconDir(), trayIconFile(platform, nativeTheme.shouldUseDarkColors));
  const image = existsSync(path) ? nativeImage.createFromPath(path) : nativeImage.createEmpty();
  if (image.isEmpty()) console.warn(`[tray] no tray icon at ${path}; the tray shows an empty icon.`);
  else if (platform === 'darwin') image.setTemplateImage(true);
  return image;
}
