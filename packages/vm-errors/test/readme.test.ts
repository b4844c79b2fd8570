// Runs the README's example and checks each `// …` comment against what the line printed.
import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';
import * as lib from '../src/index.js';

it('README example prints what its comments say', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const example = /## Example\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const source = example as string;

  // Expected output: a trailing `// text` on a console.log line, or a `// text` line right after it.
  const expected: string[] = [];
  const lines = source.split('\n');
  lines.forEach((line, i) => {
    if (!line.includes('console.log(')) return;
    const trailing = /\);\s*\/\/ (.*)$/.exec(line);
    const next = /^\/\/ (.*)$/.exec(lines[i + 1] ?? '');
    expected.push((trailing ?? next)?.[1] ?? '');
  });

  const body = source.replace(/import \{[\s\S]*?\} from '@nearts\/vm-errors';/, '');
  const names = Object.keys(lib);
  const printed: string[] = [];
  const log = vi.fn((...args: unknown[]) => printed.push(args.map(String).join(' ')));
  // A Function over the library's exports stands in for the import.
  new Function(...names, 'console', body)(...names.map((n) => (lib as Record<string, unknown>)[n]), { log });

  expect(printed).toEqual(expected);
  expect(printed).toHaveLength(5);
});
