/**
 * A name for a profile made in one click that no other profile has (main refuses duplicates):
 * the preset's name, else with the port when known, else numbered.
 */
export function freeProfileName(base: string, taken: readonly string[], port?: number): string {
  const used = new Set(taken.map((name) => name.trim().toLowerCase()));
  const free = (name: string) => !used.has(name.toLowerCase());
  if (free(base)) return base;
  const stem = port !== undefined ? `${base} (port ${port})` : base;
  if (free(stem)) return stem;
  for (let n = 2; ; n++) if (free(`${stem} ${n}`)) return `${stem} ${n}`;
}
