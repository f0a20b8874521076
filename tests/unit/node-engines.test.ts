import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `engines.node` in package.json must promise no Node version that a locked package refuses: npm
 * prints EBADENGINE for every such package at install, which is what a new user saw first.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
// semver is what npm itself uses to compare these ranges (locked as a dependency of the toolchain).
const semver = require('semver') as {
  subset(sub: string, sup: string): boolean;
  validRange(r: string): string | null;
};

interface Lock {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
}

describe('engines.node', () => {
  const ours = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { engines: { node: string } })
    .engines.node;
  const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as Lock;

  it('is a valid range', () => {
    expect(semver.validRange(ours)).not.toBeNull();
  });

  it('fits inside every locked package’s own engines.node', () => {
    const refused = Object.entries(lock.packages).flatMap(([path, pkg]) => {
      const node = pkg.engines && !Array.isArray(pkg.engines) ? pkg.engines.node : undefined;
      if (!path || !node || !semver.validRange(node)) return [];
      return semver.subset(ours, node) ? [] : [`${path.replace(/^.*node_modules\//, '')} wants ${node}`];
    });
    expect(refused).toEqual([]);
  });
});
