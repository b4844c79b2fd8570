import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM data module without types
import { ALLOWED, FORBIDDEN_SOURCE_PATTERNS } from '../allowed.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const packagesDir = join(root, 'packages');
const allowed = ALLOWED as Record<string, string[]>;
const forbidden = FORBIDDEN_SOURCE_PATTERNS as Record<string, RegExp[]>;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|mts|js|mjs)$/.test(entry)) out.push(p);
  }
  return out;
}

/** Workspace packages named in import/export-from/dynamic-import specifiers. */
export function importedWorkspacePackages(source: string): string[] {
  const found = new Set<string>();
  const re = /(?:from\s+|import\s*\(\s*|import\s+)['"]@nearts\/([a-z0-9-]+)/g;
  for (const m of source.matchAll(re)) found.add(m[1]!);
  return [...found];
}

const packages = readdirSync(packagesDir).filter((d) =>
  statSync(join(packagesDir, d, 'package.json'), { throwIfNoEntry: false }),
);

describe('dependency direction', () => {
  it('knows every package', () => {
    expect(packages.sort()).toEqual(Object.keys(allowed).sort());
  });

  it('finds imports the way the check relies on', () => {
    expect(importedWorkspacePackages(`import { a } from '@nearts/runtime';\nexport * from "@nearts/store/x";\nawait import('@nearts/vm-runner')`)).toEqual(['runtime', 'store', 'vm-runner']);
  });

  for (const pkg of packages) {
    it(`${pkg}: package.json declares only allowed workspace dependencies`, () => {
      const manifest = JSON.parse(readFileSync(join(packagesDir, pkg, 'package.json'), 'utf8'));
      const deps = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
      const workspaceDeps = Object.keys(deps)
        .filter((d) => d.startsWith('@nearts/'))
        .map((d) => d.slice('@nearts/'.length));
      const bad = workspaceDeps.filter((d) => !allowed[pkg]!.includes(d));
      expect(bad, `${pkg} depends on ${bad.join(', ')} against the allowed direction`).toEqual([]);
    });

    it(`${pkg}: sources import only allowed workspace packages`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(join(packagesDir, pkg, 'src'))) {
        const text = readFileSync(file, 'utf8');
        for (const dep of importedWorkspacePackages(text)) {
          if (dep !== pkg && !allowed[pkg]!.includes(dep)) violations.push(`${file}: imports @nearts/${dep}`);
        }
        for (const pattern of forbidden[pkg] ?? []) {
          if (pattern.test(text)) violations.push(`${file}: uses ${pattern}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }
});
