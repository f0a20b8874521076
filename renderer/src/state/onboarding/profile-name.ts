/**
 * A name for a profile made in one click that no other profile has (main refuses duplicates):
 * the preset's name, else with the port, else numbered.
 */
export function freeProfileName(base: string, port: number, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.trim().toLowerCase()));
  const free = (name: string) => !used.has(name.toLowerCase());
  if (free(base)) return base;
  const withPort = `${base} (port ${port})`;
  if (free(withPort)) return withPort;
  for (let n = 2; ; n++) if (free(`${withPort} ${n}`)) return `${withPort} ${n}`;
}
