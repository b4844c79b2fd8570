/**
 * Runs the ```ts example of README.md against this package's sources, so the README cannot go
 * stale.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as runtimeFees from '@nearts/runtime-fees';
import ts from 'typescript';
import { expect, it } from 'vitest';
import * as estimator from '../src/index.js';

const MODULES: Record<string, unknown> = {
  '@nearts/params-estimator': estimator,
  '@nearts/runtime-fees': runtimeFees,
  'node:assert/strict': assert,
};

it('the README example runs', () => {
  const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks).toHaveLength(1);
  const js = ts.transpileModule(blocks[0]!, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const requireModule = (name: string): unknown => {
    if (!(name in MODULES)) throw new Error(`README example imports unexpected module ${name}`);
    return MODULES[name];
  };
  const run = new Function('require', 'exports', 'module', 'console', js) as (
    require: (name: string) => unknown,
    exports: object,
    module: { exports: object },
    console: { log: (...a: unknown[]) => void },
  ) => void;
  const module = { exports: {} };
  const printed: unknown[] = [];
  run(requireModule, module.exports, module, { log: (...a) => printed.push(...a) });
  expect(String(printed[0])).toContain('Sha256Byte');
}, 60_000);
