/** A one-line progress bar with the time left, redrawn in place (only used when stderr is a TTY). */
import type { Progress } from '../estimator.js';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** Time left first: on a narrow terminal the line is cut from the right. */
export function progressLine(p: Progress, width = 20): string {
  const filled = Math.round(p.fraction * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const left = p.remainingMs === null ? 'left ~?' : `left ~${formatDuration(p.remainingMs)}`;
  return `${bar} ${String(Math.round(p.fraction * 100)).padStart(3)}%  ${left}  elapsed ${formatDuration(p.elapsedMs)}  ${p.index + 1}/${p.total} ${p.name}`;
}

export class ProgressBar {
  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(p: Progress): void {
    const columns = this.stream.columns ?? 100;
    this.stream.write(`\r${progressLine(p).slice(0, columns - 1)}\x1b[K`);
  }

  clear(): void {
    this.stream.write('\r\x1b[K');
  }
}
