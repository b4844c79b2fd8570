// Smoke test of ft-floor.mjs with a tiny state: every variant runs (the token on the stub host,
// nearts' chain without failures) and the split is printed. Never timings.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../ft-floor.mjs', import.meta.url));

describe('ft-floor (quick)', () => {
  it('runs every variant and prints the split', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', script, '--rounds', '1', '--batch', '3', '--accounts', '100', '--list-growth', '100'], { encoding: 'utf8' });
    for (const row of ['(a) ed25519 verify', '(b) instantiate prepared token', '(c) raw transfer call', 'prepared token + stub host', 'nearts end to end', '(d) nearts', 'the token alone', 'one shared-memory grow']) {
      expect(out).toContain(row);
    }
    expect(out).toMatch(/floor \(a\)\+\(b\)\+\(c\) = [\d.,]+ µs/);
  }, 60_000);
});
