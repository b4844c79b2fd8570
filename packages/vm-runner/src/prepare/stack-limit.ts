/**
 * The stack-limit code of an instrumented body (instrument.ts): on entry the function takes its
 * operand-stack and frame bytes from the stack global, or calls `stack_exhausted()`; before every
 * exit it gives them back. A leaf function (no call or call_indirect, host calls included) only
 * checks the budget: nothing can run while its frame is taken, so taking and giving back the
 * bytes is unobservable.
 */
import { STACK_EXHAUSTED_FN } from './abi.js';
import { ByteWriter } from '../wasm/encoder.js';

export class StackLimitEmitter {
  /** Encoded take (charge) and give-back (−charge − 1) sequences, by charge. */
  private readonly sequences = new Map<number | bigint, Uint8Array>();
  /** Whether the body being emitted calls nothing: its stack bytes are only checked. */
  leaf = false;

  constructor(private readonly stackGlobal: number) {}

  /**
   * `stack -= charge` with its exhaustion check, or `stack += charge` (cached per charge); in a
   * leaf only the check.
   */
  adjust(w: ByteWriter, charge: number | bigint, release: boolean): void {
    if (this.leaf) {
      if (!release) this.check(w, charge);
      return;
    }
    const key = typeof charge === 'number' ? (release ? -charge - 1 : charge) : release ? -charge - 1n : charge;
    let seq = this.sequences.get(key);
    if (seq === undefined) {
      const e = new ByteWriter(40);
      this.encodeAdjust(e, charge, release);
      seq = e.finish();
      this.sequences.set(key, seq);
    }
    w.array(seq);
  }

  private encodeAdjust(w: ByteWriter, charge: number | bigint, release: boolean): void {
    const s = this.stackGlobal;
    if (!release) this.check(w, charge);
    w.byte(0x23).u32(s).byte(0x42).i64n(charge).byte(release ? 0x7c : 0x7d).byte(0x24).u32(s);
  }

  /** `if (stack < charge) stack_exhausted()` (the host throws). */
  private check(w: ByteWriter, charge: number | bigint): void {
    w.byte(0x23).u32(this.stackGlobal).byte(0x42).i64n(charge).byte(0x54);
    w.byte(0x04).byte(0x40).byte(0x10).u32(STACK_EXHAUSTED_FN).byte(0x00).byte(0x0b);
  }
}
