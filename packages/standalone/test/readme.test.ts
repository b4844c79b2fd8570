/**
 * Runs the README's example block line by line with `sh`, `nearts` on PATH being the built
 * binary, from a scratch directory that links the repository's fixtures/ and examples/ (so the
 * README's relative paths work and its state file lands in the scratch directory). Each
 * command's report must begin with the lines the README shows for it.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { assertBuilt, assertFixtures, CLI, NPM, PACKAGE, REPO, runProcess } from './helpers/cli.js';

const MARKER = '<!-- test/readme.test.ts runs the next block';

function readmeExample(): { commands: string[]; expected: string[][] } {
  const readme = readFileSync(join(PACKAGE, 'README.md'), 'utf8');
  const at = readme.indexOf(MARKER);
  expect(at, 'README marker').toBeGreaterThan(0);
  const blocks = [...readme.slice(at).matchAll(/```(sh|text)\n([\s\S]*?)```/g)];
  expect(blocks[0]![1]).toBe('sh');
  expect(blocks[1]![1]).toBe('text');
  const commands = blocks[0]![2]!.trim().split('\n');
  // The expected block: one chunk per command, each starting at a "✓ …" / "✗ …" line.
  const expected: string[][] = [];
  for (const line of blocks[1]![2]!.trimEnd().split('\n')) {
    if (/^[✓✗] /.test(line)) expected.push([]);
    expected.at(-1)!.push(line);
  }
  return { commands, expected };
}

beforeAll(() => {
  assertBuilt();
  assertFixtures(join(NPM, 'fungible_token.wasm'));
});

it('the README example runs and prints what the README says', { timeout: 60_000 }, async () => {
  const { commands, expected } = readmeExample();
  expect(commands).toHaveLength(3);
  expect(expected).toHaveLength(commands.length);
  const cwd = mkdtempSync(join(tmpdir(), 'nearts-readme-'));
  symlinkSync(join(REPO, 'fixtures'), join(cwd, 'fixtures'));
  symlinkSync(join(REPO, 'examples'), join(cwd, 'examples'));
  mkdirSync(join(cwd, 'bin'));
  writeFileSync(join(cwd, 'bin/nearts'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(join(cwd, 'bin/nearts'), 0o755);
  const env = { PATH: `${join(cwd, 'bin')}${delimiter}${process.env.PATH}` };
  for (const [i, command] of commands.entries()) {
    expect(command).toMatch(/^nearts /);
    const r = await runProcess('sh', ['-c', command], { cwd, env });
    expect(r.stderr, command).toBe('');
    expect(r.code, command).toBe(0);
    const lines = r.stdout.split('\n');
    const want = expected[i]!;
    const shown = want.at(-1)!.trim() === '…' ? want.slice(0, -1) : want;
    expect(lines.slice(0, shown.length), command).toEqual(shown);
  }
  // The state went from call to call through the file the README names.
  const state = JSON.parse(readFileSync(join(cwd, 'token-state.json'), 'utf8')) as Record<string, string>;
  expect(Object.keys(state).length).toBeGreaterThan(0);
});
