// What the figures were measured on: they are only comparable within one run on one machine.
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { REPO_ROOT } from './paths.mjs';

function git(args) {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineInfo() {
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGB: totalmem() / 2 ** 30,
    freeMemoryGB: freemem() / 2 ** 30,
    os: `${process.platform} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverage: loadavg(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', 'packages']) !== '',
  };
}
