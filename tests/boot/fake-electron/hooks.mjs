// Module resolve hook: the specifier `electron` (from the main bundle, electron-store, anything)
// resolves to the stand-in instead of the npm package, whose entry point would try to download Electron.
const standIn = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standIn, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}
