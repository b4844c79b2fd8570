/**
 * Runs the built `nearts` binary (packages/standalone/dist/cli.js) as a user would. The root
 * test script builds first; run alone, `assertBuilt` fails with what to do instead of a
 * confusing spawn error or a test of stale code.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const PACKAGE = join(REPO, 'packages/standalone');
export const CLI = join(PACKAGE, 'dist/cli.js');
export const BUILT = join(REPO, 'fixtures/contracts/built');
export const NPM = join(REPO, 'fixtures/contracts/npm');
export const EXAMPLES = join(REPO, 'examples/run');

const BUILD_HINT = 'run `npx --yes pnpm@10.34.9 run build` at the repository root (the root `test` script does this first)';

/** src/cli.ts and every module it reaches through relative imports: what the binary runs. */
function cliSources(src: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)) visit(join(dirname(file), `${m[1]}.ts`));
  };
  visit(join(src, 'cli.ts'));
  return [...seen];
}

/** Throws unless dist/cli.js exists and is not older than any source module the CLI runs. */
export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${relative(REPO, CLI)} is missing: ${BUILD_HINT}`);
  const src = join(PACKAGE, 'src');
  for (const file of cliSources(src)) {
    const out = join(PACKAGE, 'dist', relative(src, file)).replace(/\.ts$/, '.js');
    if (!existsSync(out)) throw new Error(`${relative(REPO, out)} is missing: ${BUILD_HINT}`);
    if (statSync(file).mtimeMs > statSync(out).mtimeMs)
      throw new Error(`${relative(REPO, out)} is older than ${relative(REPO, file)}: ${BUILD_HINT}`);
  }
}

/** Throws unless the fixture contracts the tests run are present. */
export function assertFixtures(...paths: string[]): void {
  for (const p of paths)
    if (!existsSync(p)) throw new Error(`${relative(REPO, p)} is missing: run \`npm run fixtures\` at the repository root`);
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `nearts <args>`; resolves with the exit code and both streams (never rejects on exit code). */
export function nearts(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return runProcess(process.execPath, [CLI, ...args], options);
}

export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, NEARTS_DEBUG: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}
