import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Rules of shared/ that no compiler checks: no import cycles (a cycle makes load order matter and
 * hides which module owns a shape), and a domain file either declares zod schemas or holds pure
 * functions, never both (so the chat bundle can take functions without pulling in zod).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const sharedDir = join(root, 'shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']*)'/g)].map((m) => normalize(join(dirname(file), `${m[1]}.ts`)));
}

describe('shared/', () => {
  const files = sourceFiles(sharedDir);

  it('has no import cycles, type-only imports included', () => {
    const graph = new Map(files.map((f) => [f, localImports(f).filter((d) => files.includes(d))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) {
        if (state.get(dep) === 'open') cycles.push([...path, dep].map((p) => relative(root, p)).join(' → '));
        else if (!state.has(dep)) visit(dep, [...path, dep]);
      }
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file, [file]);
    expect(cycles).toEqual([]);
  });

  it('keeps zod schemas and pure functions in separate domain files', () => {
    const mixed = sourceFiles(join(sharedDir, 'domain')).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /^import \{ z \} from 'zod';$/m.test(text) && /^export function /m.test(text);
    });
    expect(mixed.map((f) => relative(root, f))).toEqual([]);
  });
});
