/**
 * One namespaced debug-log scheme for every nearts package.
 *
 * Namespaces look like `nearts:vm-logic:host` or `nearts:runtime:receipt`. Logging is off by
 * default and switched on with the `NEARTS_DEBUG` environment variable (falling back to the
 * conventional `DEBUG`): a comma-separated list of patterns where `*` matches any suffix, e.g.
 * `NEARTS_DEBUG=nearts:vm-logic:*,nearts:runtime:receipt`. A leading `-` excludes a pattern.
 *
 * A disabled tracer is a constant no-op function with `enabled === false`, so hot paths guard
 * expensive message construction with `if (trace.enabled)` and pay one property read when off.
 */

export interface Tracer {
  (message: string, ...details: unknown[]): void;
  readonly namespace: string;
  readonly enabled: boolean;
}

type Sink = (line: string) => void;

let sink: Sink = (line) => process.stderr.write(line + '\n');
let patterns = parsePatterns(readEnv());
const tracers = new Map<string, MutableTracer>();

interface MutableTracer extends Tracer {
  enabled: boolean;
}

function readEnv(): string {
  const env = typeof process !== 'undefined' ? process.env : {};
  return env['NEARTS_DEBUG'] ?? env['DEBUG'] ?? '';
}

interface Pattern {
  include: boolean;
  regex: RegExp;
}

function parsePatterns(spec: string): Pattern[] {
  return spec
    .split(/[\s,]+/)
    .filter((p) => p.length > 0)
    .map((p) => {
      const include = !p.startsWith('-');
      const body = include ? p : p.slice(1);
      const escaped = body.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
      return { include, regex: new RegExp(`^${escaped}$`) };
    });
}

function isEnabled(namespace: string): boolean {
  let enabled = false;
  for (const p of patterns) {
    if (p.regex.test(namespace)) enabled = p.include;
  }
  return enabled;
}

function formatDetail(d: unknown): string {
  if (typeof d === 'bigint') return d.toString();
  if (typeof d === 'string') return d;
  if (d instanceof Uint8Array) return Buffer.from(d).toString('hex');
  try {
    return JSON.stringify(d, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(d);
  }
}

/** Returns the tracer for a namespace; the same object for the same namespace. */
export function tracer(namespace: string): Tracer {
  const existing = tracers.get(namespace);
  if (existing) return existing;
  const fn = ((message: string, ...details: unknown[]) => {
    if (!fn.enabled) return;
    const extra = details.length > 0 ? ' ' + details.map(formatDetail).join(' ') : '';
    sink(`${namespace} ${message}${extra}`);
  }) as MutableTracer;
  Object.defineProperty(fn, 'namespace', { value: namespace });
  fn.enabled = isEnabled(namespace);
  tracers.set(namespace, fn);
  return fn;
}

/** Re-reads the enabled patterns (for tests and embedders that switch tracing at run time). */
export function setTraceSpec(spec: string, output?: Sink): void {
  patterns = parsePatterns(spec);
  if (output) sink = output;
  for (const t of tracers.values()) t.enabled = isEnabled(t.namespace);
}
