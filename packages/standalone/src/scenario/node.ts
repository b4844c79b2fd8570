/**
 * A JSON value with its path in the scenario file, for reading with precise errors: every
 * problem names the file, the step and the JSON path (`$.steps[2].expect.logs[0]`).
 */
import type { JsonValue } from '@nearts/primitives';
import { ScenarioError } from './errors.js';

export interface ReadContext {
  file: string;
  /** Directory that relative `file:` paths start from. */
  dir: string;
}

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(typeof v === 'bigint' ? v.toString() : v)}`;

export class Node {
  constructor(
    readonly value: JsonValue | undefined,
    readonly path: string,
    readonly ctx: ReadContext,
    readonly step?: number,
    /** The same path as keys, for writing back (update-expectations). */
    readonly keys: ReadonlyArray<string | number> = [],
  ) {}

  fail(reason: string): never {
    throw new ScenarioError(this.ctx.file, this.path, reason, this.step);
  }

  get present(): boolean {
    return this.value !== undefined;
  }

  /** For a step's own node: the same value, known to be inside step `index`. */
  inStep(index: number): Node {
    return new Node(this.value, this.path, this.ctx, index, this.keys);
  }

  /** An object whose fields all come from `allowed` (with `required` present). */
  object(allowed: readonly string[], required: readonly string[] = []): Node {
    const v = this.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(`expected an object, got ${describe(v)}`);
    for (const k of Object.keys(v as object)) {
      if (!allowed.includes(k)) this.at(k).fail(`unknown field "${k}"${allowed.length ? ` (expected one of: ${allowed.join(', ')})` : ''}`);
    }
    for (const k of required) if (!(k in (v as object))) this.fail(`missing field "${k}"`);
    return this;
  }

  /** Any object (keys are data, e.g. account ids); returns its entries. */
  entries(): Array<[string, Node]> {
    const v = this.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(`expected an object, got ${describe(v)}`);
    return Object.keys(v as object).map((k) => [k, this.at(k)]);
  }

  at(key: string): Node {
    const v = this.value as Record<string, JsonValue> | undefined;
    const child = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
    const path = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${this.path}.${key}` : `${this.path}[${JSON.stringify(key)}]`;
    return new Node(child, path, this.ctx, this.step, [...this.keys, key]);
  }

  items(): Node[] {
    if (!Array.isArray(this.value)) this.fail(`expected an array, got ${describe(this.value)}`);
    return (this.value as JsonValue[]).map((v, i) => new Node(v, `${this.path}[${i}]`, this.ctx, this.step, [...this.keys, i]));
  }

  string(): string {
    if (typeof this.value !== 'string') this.fail(`expected a string, got ${describe(this.value)}`);
    return this.value as string;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail(`expected true or false, got ${describe(this.value)}`);
    return this.value as boolean;
  }

  /** A non-negative integer written as a number or a decimal string. */
  integer(): bigint {
    const v = this.value;
    if (typeof v === 'bigint' && v >= 0n) return v;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
    if (typeof v === 'string' && /^\d[\d_]*$/.test(v)) return BigInt(v.replace(/_/g, ''));
    return this.fail(`expected a non-negative integer, got ${describe(v)}`);
  }

  /** The same place holding another value (e.g. an object key read as a value). */
  withValue(value: JsonValue): Node {
    return new Node(value, this.path, this.ctx, this.step, this.keys);
  }

  isStar(): boolean {
    return this.value === '*';
  }
}

export function rootNode(value: JsonValue, ctx: ReadContext): Node {
  return new Node(value, '$', ctx);
}
