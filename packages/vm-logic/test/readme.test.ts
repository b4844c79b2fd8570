/**
 * README checks: the ```ts example runs against this package's sources, and the generated
 * host-function table matches the table in src (regenerate with `npm run docs`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { expect, it } from 'vitest';
import * as runtimeFees from '@nearts/runtime-fees';
import * as vmLogic from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const MODULES: Record<string, unknown> = {
  '@nearts/vm-logic': vmLogic,
  '@nearts/runtime-fees': runtimeFees,
  'node:assert/strict': assert,
};

it('the README example runs', () => {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toHaveLength(1);
  const js = ts.transpileModule(blocks[0], {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const requireModule = (name: string): unknown => {
    if (!(name in MODULES)) throw new Error(`README example imports unexpected module ${name}`);
    return MODULES[name];
  };
  const run = new Function('require', 'exports', 'module', js) as (r: (n: string) => unknown, e: object, m: { exports: object }) => void;
  const module = { exports: {} };
  expect(() => run(requireModule, module.exports, module)).not.toThrow();
});

it('the README host-function table is up to date (npm run docs)', () => {
  expect(vmLogic.updateReadmeTable(readme)).toBe(readme);
  expect(readme).toContain('| `promise_yield_resume` | `(i64 data_id_len, i64 data_id_ptr, i64 payload_len, i64 payload_ptr) → i32` |');
});
