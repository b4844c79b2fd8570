/**
 * The decoded instructions of one function body, kept from the validation pass so that the
 * instrumentation pass does not decode the body a second time.
 */
import type { OperatorReader } from '../wasm/operators.js';

export class InstructionLog {
  count = 0;
  offsets = new Int32Array(4096);
  ops = new Int32Array(4096);
  /** First and second immediates where the emitter needs them (function indices, bulk operands). */
  a = new Int32Array(4096);
  b = new Int32Array(4096);

  clear(): void {
    this.count = 0;
  }

  record(o: OperatorReader): void {
    let i = this.count;
    if (i === this.offsets.length) this.grow();
    this.offsets[i] = o.offset;
    this.ops[i] = o.op;
    this.a[i] = o.a;
    this.b[i] = o.b;
    this.count = ++i;
  }

  private grow(): void {
    const n = this.offsets.length * 2;
    const widen = (old: Int32Array) => {
      const next = new Int32Array(n);
      next.set(old);
      return next;
    };
    this.offsets = widen(this.offsets);
    this.ops = widen(this.ops);
    this.a = widen(this.a);
    this.b = widen(this.b);
  }
}

/** The declared local groups of one function body: `count` groups of (number, type). */
export class LocalGroups {
  count = 0;
  /** Locals in all groups. */
  total = 0;
  readonly numbers: number[] = [];
  readonly types: number[] = [];

  clear(): void {
    this.count = 0;
    this.total = 0;
  }

  add(n: number, type: number): void {
    this.numbers[this.count] = n;
    this.types[this.count] = type;
    this.count++;
    this.total += n;
  }
}
