import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli.js';
import { parseCallgrindTotal, MetricUnavailableError } from '../src/metric/callgrind.js';
import { describeAvailability } from '../src/metric/instructions.js';

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), progressStream: null, now: () => new Date('2026-01-02T03:04:05Z'), loadAverage: () => 0, cpus: 2 };
}

describe('nearts-estimator command line', () => {
  it('prints usage (also after the `--` that `pnpm run estimate --` passes through)', () => {
    for (const args of [['--help'], ['--', '--help']]) {
      const t = io();
      expect(main(args, t)).toBe(0);
      expect(t.out.join('')).toContain('Usage: nearts-estimator [options]');
    }
  });

  it('lists every cost with the parameter it is compared with', () => {
    const t = io();
    expect(main(['--list'], t)).toBe(0);
    const text = t.out.join('');
    expect(text).toMatch(/^ActionTransferExec\s+action_transfer\.execution$/m);
    expect(text).toMatch(/^StorageReadBase\s+wasm_storage_read_base$/m);
    expect(text).toMatch(/^ApplyBlock\s+-$/m);
  });

  it('rejects bad options with exit code 2', () => {
    for (const args of [['--bogus'], ['--iters', '0'], ['--iters', '1.5'], ['--metric', 'cycles'], ['--costs', 'NoSuchCost']]) {
      const t = io();
      expect(main(args, t), args.join(' ')).toBe(2);
      expect(t.err.join('').length).toBeGreaterThan(0);
    }
    const t = io();
    main(['--costs', 'NoSuchCost,AlsoNot'], t);
    expect(t.err.join('')).toBe('nearts-estimator: unknown costs: NoSuchCost, AlsoNot\n');
  });

  it('runs a subset, prints JSON and writes the report, the JSON, the YAML diff and the table', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'estimator-cli-')), 'out');
    const t = io();
    const code = main(['--costs', 'ApplyBlock,HostFunctionCall', '--iters', '1', '--warmup', '0', '--block-target-ms', '1', '--json', '--out', dir], t);
    expect(code).toBe(0);
    const doc = JSON.parse(t.out.join('')) as { metric: string; results: Array<{ name: string; gas: number; parameter: string | null }> };
    expect(doc.metric).toBe('time');
    expect(doc.results.map((r) => [r.name, r.parameter])).toEqual([
      ['ApplyBlock', null],
      ['HostFunctionCall', 'wasm_base'],
    ]);
    for (const f of ['report.html', 'results.json', 'params-diff.yaml', 'costs.txt']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, 'params-diff.yaml'), 'utf8')).toMatch(/^wasm_base: \{ old: 264_768_111, new: [\d_]+ \}$/m);
    expect(t.err.join('')).toContain('metric: time');
  }, 60_000);
});

describe('instruction counting', () => {
  it('reads the event total of a callgrind dump', () => {
    expect(parseCallgrindTotal('version: 1\ncmd: node\nevents: Ir\nsummary: 1103974\n')).toBe(1_103_974);
    expect(parseCallgrindTotal('events: Ir\ntotals: 42\n')).toBe(42);
    expect(() => parseCallgrindTotal('events: Ir\n')).toThrow(MetricUnavailableError);
  });

  it('says why a metric is or is not available', () => {
    const none = describeAvailability({ perf: false, perfDetail: 'perf reports: <not supported> instructions', valgrind: false, valgrindVersion: null });
    expect(none).toBe(
      'hardware instruction counters unavailable (perf reports: <not supported> instructions); valgrind is not installed: the instructions metric is unavailable',
    );
    const vg = describeAvailability({ perf: false, perfDetail: 'perf is not installed', valgrind: true, valgrindVersion: 'valgrind-3.19.0' });
    expect(vg).toContain('counting with valgrind-3.19.0 --tool=callgrind');
  });
});
