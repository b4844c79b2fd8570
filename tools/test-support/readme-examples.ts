/**
 * Runs the ```ts blocks of a README: each is transpiled with TypeScript and executed with its
 * imports bound to the given modules (normally the package's own sources), so a README example
 * cannot go stale. Top-level `await` is supported (the block runs inside an async function).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export function readmeTsBlocks(readmeUrl: URL): string[] {
  const readme = readFileSync(readmeUrl, 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

export async function runTsExample(source: string, modules: Record<string, unknown>): Promise<void> {
  const all: Record<string, unknown> = { 'node:assert/strict': assert, ...modules };
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const requireModule = (name: string): unknown => {
    if (!(name in all)) throw new Error(`README example imports unexpected module ${name}`);
    return all[name];
  };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (
    ...a: unknown[]
  ) => Promise<void>;
  const run = new AsyncFunction('require', 'exports', 'module', js);
  const module = { exports: {} };
  await run(requireModule, module.exports, module);
}
