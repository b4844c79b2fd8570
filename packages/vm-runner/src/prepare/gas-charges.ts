/**
 * The gas-metering code of an instrumented body (instrument.ts): constant charges (encoded once
 * per amount and cached), the merged frame-fee-and-first charge, linear charges, and the moves
 * of the remaining gas between the function's gas local, the exported gas global and callees.
 *
 * A constant charge of `c` through the gas local is
 * `if ($gas < c) { remaining_gas = $gas; finite_wasm_gas(c); unreachable } $gas -= c`, followed
 * by `remaining_gas = $gas` where the global may be read before the next charge
 * (write-through.ts). Without a gas local (no room under the engine's locals limit) charges use
 * the global directly: the same gas, only slower.
 */
import { GAS_EXHAUSTED_FN, GAS_FN } from './abi.js';
import { ByteWriter } from '../wasm/encoder.js';
import type { Gas } from './gas-points.js';

const U64_MAX = (1n << 64n) - 1n;
const U32_MAX = 0xffff_ffffn;

/** Encoded charges through one gas local. */
interface LocalCharges {
  /** By multiple of the regular op cost (see `opsMultiple`). */
  readonly byOps: (Uint8Array | undefined)[];
  readonly byAmount: Map<Gas, Uint8Array>;
  /** Merged entry charges whose two parts are both multiples (see `entry`), by `frame · 1024 + first`. */
  readonly entriesByOps: Map<number, Uint8Array>;
}

const newLocalCharges = (): LocalCharges => ({ byOps: [], byAmount: new Map(), entriesByOps: new Map() });

export class GasChargeEmitter {
  /** Local holding the remaining gas in the body being emitted (-1: charges use the global). */
  local = -1;
  private readonly constantCharges = new Map<Gas, Uint8Array>();
  /** Charges that are small multiples of the regular op cost, by multiple. */
  private readonly chargesByOps: (Uint8Array | undefined)[] = [];
  /**
   * Charges through the gas local, by local index times two plus one when they write the global
   * (see `useLocal`).
   */
  private readonly localChargeCaches = new Map<number, LocalCharges>();
  private localCharges: LocalCharges = newLocalCharges();
  private localChargesWriting: LocalCharges = newLocalCharges();
  /** Merged entry charges through the global, by `frame · 1024 + first` multiples (see `entry`). */
  private readonly entriesByOps = new Map<number, Uint8Array>();
  /** Merged entry charges by gas local and write (-1: the global), frame fee and first charge. */
  private readonly entryCharges = new Map<number, Map<Gas, Map<Gas, Uint8Array>>>();

  constructor(
    private readonly gasGlobal: number,
    private readonly regular: Gas,
  ) {}

  /** The body that follows keeps its remaining gas in `local` (-1: in the global). */
  useLocal(local: number): void {
    this.local = local;
    if (local < 0) return;
    this.localCharges = this.localChargeCache(local * 2);
    this.localChargesWriting = this.localChargeCache(local * 2 + 1);
  }

  private localChargeCache(key: number): LocalCharges {
    let cache = this.localChargeCaches.get(key);
    if (cache === undefined) this.localChargeCaches.set(key, (cache = newLocalCharges()));
    return cache;
  }

  /**
   * Encoding of a charge of a constant `c` (non-zero); `write`: the remaining gas is written
   * through to the global (always, when charges use the global itself).
   */
  constant(c: Gas, write: boolean): Uint8Array {
    // Charges are mostly small multiples of the regular op cost: an array index is cheaper
    // than a map lookup by amount.
    const ops = opsMultiple(c, this.regular);
    if (this.local >= 0) {
      const local = write ? this.localChargesWriting : this.localCharges;
      if (ops >= 0) return (local.byOps[ops] ??= this.encodeLocalCharge(c, this.local, write));
      let cached = local.byAmount.get(c);
      if (cached === undefined) {
        cached = this.encodeLocalCharge(c, this.local, write);
        local.byAmount.set(c, cached);
      }
      return cached;
    }
    if (ops >= 0) return (this.chargesByOps[ops] ??= this.encodeCharge(c));
    let cached = this.constantCharges.get(c);
    if (cached === undefined) {
      cached = this.encodeCharge(c);
      this.constantCharges.set(c, cached);
    }
    return cached;
  }

  /**
   * `slow` are the requests the failing path makes, in order: `[c]`, or the frame fee and the
   * first instruction's charge of a merged entry charge (see `entry`).
   */
  private encodeCharge(c: Gas, slow: readonly Gas[] = [c]): Uint8Array {
    const g = this.gasGlobal;
    const w = new ByteWriter(48);
    w.byte(0x23).u32(g).byte(0x42).i64n(c).byte(0x54); // gas < c
    w.byte(0x04).byte(0x40);
    // `unreachable` after the call keeps the slow path a dead end, so the engine's fast path
    // does not have to assume the call's effects (a measured 2x difference in tight loops).
    slowRequests(w, slow);
    w.byte(0x05);
    w.byte(0x23).u32(g).byte(0x42).i64n(c).byte(0x7d).byte(0x24).u32(g); // gas -= c
    w.byte(0x0b);
    return w.finish();
  }

  /** A charge through the gas local `l`, written through to the global if `write`. */
  private encodeLocalCharge(c: Gas, l: number, write: boolean, slow: readonly Gas[] = [c]): Uint8Array {
    const w = new ByteWriter(48);
    this.writeLocalCharge(w, c, l, write, slow);
    return w.finish();
  }

  private writeLocalCharge(w: ByteWriter, c: Gas, l: number, write: boolean, slow: readonly Gas[]): void {
    const g = this.gasGlobal;
    w.byte(0x20).u32(l).byte(0x42).i64n(c).byte(0x54); // gas < c
    w.byte(0x04).byte(0x40);
    w.byte(0x20).u32(l).byte(0x24).u32(g); // the host settles from the global: make it exact
    slowRequests(w, slow);
    w.byte(0x0b);
    w.byte(0x20).u32(l).byte(0x42).i64n(c).byte(0x7d); // gas -= c
    if (write) w.byte(0x22).u32(l).byte(0x24).u32(g);
    else w.byte(0x21).u32(l);
  }

  /**
   * The frame fee and the first instruction's charge as one test, `total = frameFee + first`.
   * When it fails, the host is still asked for the two amounts one after the other, as nearcore
   * does: which limit error a failing request reports depends on that request's own new total
   * (GasLimitExceeded only past max_gas_burnt), so one request for the sum could report
   * GasLimitExceeded where the frame fee alone fails with GasExceeded.
   */
  entry(total: Gas, frameFee: Gas, first: Gas, write: boolean): Uint8Array {
    if (frameFee === 0 || frameFee === 0n || first === 0 || first === 0n) return this.constant(total, write);
    // Both parts are mostly small multiples of the regular op cost: one small-integer key.
    const frameOps = opsMultiple(frameFee, this.regular);
    const firstOps = frameOps < 0 ? -1 : opsMultiple(first, this.regular);
    if (firstOps >= 0) {
      const byOps = this.local < 0 ? this.entriesByOps : write ? this.localChargesWriting.entriesByOps : this.localCharges.entriesByOps;
      const key = frameOps * 1024 + firstOps;
      let cached = byOps.get(key);
      if (cached === undefined) {
        cached = this.encodeEntry(total, frameFee, first, write);
        byOps.set(key, cached);
      }
      return cached;
    }
    // Few distinct (local, write, frame fee, first charge) per contract: encode each once.
    // Nested maps rather than one string key: building the key cost more than the lookups.
    const key = this.local < 0 ? -1 : this.local * 2 + (write ? 1 : 0);
    let byFrameFee = this.entryCharges.get(key);
    if (byFrameFee === undefined) this.entryCharges.set(key, (byFrameFee = new Map()));
    let byFirst = byFrameFee.get(frameFee);
    if (byFirst === undefined) byFrameFee.set(frameFee, (byFirst = new Map()));
    let cached = byFirst.get(first);
    if (cached === undefined) {
      cached = this.encodeEntry(total, frameFee, first, write);
      byFirst.set(first, cached);
    }
    return cached;
  }

  private encodeEntry(total: Gas, frameFee: Gas, first: Gas, write: boolean): Uint8Array {
    const slow = [frameFee, first];
    return this.local >= 0 ? this.encodeLocalCharge(total, this.local, write, slow) : this.encodeCharge(total, slow);
  }

  /**
   * Append one test for several charges in a row (charge-merging.ts) through the gas local:
   * `total` is the sum of `requests`, and a failing test asks the host for each request in turn,
   * as separate tests would have.
   */
  chain(out: ByteWriter, requests: readonly Gas[], total: Gas, write: boolean): void {
    this.writeLocalCharge(out, total, this.local, write, requests);
  }

  /** Re-read the gas local from the global (after a host call, which re-syncs the global). */
  reload(out: ByteWriter): void {
    if (this.local >= 0) out.byte(0x23).u32(this.gasGlobal).byte(0x21).u32(this.local);
  }

  /** Take the remaining gas a contract function returned (on top of the stack). */
  takeReturned(out: ByteWriter, write: boolean): void {
    const g = this.gasGlobal;
    if (this.local < 0) out.byte(0x24).u32(g);
    else if (write) out.byte(0x22).u32(this.local).byte(0x24).u32(g);
    else out.byte(0x21).u32(this.local);
  }

  /** Push the remaining gas, the extra result of every contract function (gas-passing.ts). */
  pushRemaining(out: ByteWriter): void {
    if (this.local >= 0) out.byte(0x20).u32(this.local);
    else out.byte(0x23).u32(this.gasGlobal);
  }

  /** `local.get gas; global.set` before a host request on a slow path (no-op without the local). */
  private syncGlobal(out: ByteWriter): void {
    if (this.local >= 0) out.byte(0x20).u32(this.local).byte(0x24).u32(this.gasGlobal);
  }

  /** A fee `constant + unit · n`, where `n` is the i32 on top of the stack (kept there). */
  linear(w: ByteWriter, constant: Gas, unit: Gas, tmp64: number, cnt32: number): void {
    const g = this.gasGlobal;
    const l = this.local;
    const base = BigInt(constant);
    const per = BigInt(unit);
    w.byte(0x22).u32(cnt32).byte(0xad); // n as u64
    // Overflow checks are only emitted when the fee of a u32 count can actually overflow u64.
    if (per > 0n && U32_MAX * per > U64_MAX) {
      w.byte(0x20).u32(cnt32).byte(0xad).byte(0x42).i64(U64_MAX / per).byte(0x56);
      w.byte(0x04).byte(0x40);
      this.syncGlobal(w);
      w.byte(0x10).u32(GAS_EXHAUSTED_FN).byte(0x00).byte(0x0b);
    }
    w.byte(0x42).i64(per).byte(0x7e); // · unit
    const maxProduct = per > 0n && U32_MAX * per > U64_MAX ? U64_MAX : U32_MAX * per;
    if (maxProduct + base > U64_MAX) {
      w.byte(0x22).u32(tmp64).byte(0x42).i64(U64_MAX - base).byte(0x56);
      w.byte(0x04).byte(0x40);
      this.syncGlobal(w);
      w.byte(0x10).u32(GAS_EXHAUSTED_FN).byte(0x00).byte(0x0b);
      w.byte(0x20).u32(tmp64);
    }
    w.byte(0x42).i64(base).byte(0x7c); // + constant
    w.byte(0x22).u32(tmp64);
    this.pushRemaining(w);
    w.byte(0x56); // fee > gas
    w.byte(0x04).byte(0x40);
    this.syncGlobal(w);
    w.byte(0x20).u32(tmp64).byte(0x10).u32(GAS_FN).byte(0x00);
    w.byte(0x05);
    this.pushRemaining(w);
    w.byte(0x20).u32(tmp64).byte(0x7d); // gas -= fee, always written through (write-through.ts)
    if (l >= 0) w.byte(0x22).u32(l);
    w.byte(0x24).u32(g);
    w.byte(0x0b);
    w.byte(0x20).u32(cnt32);
  }
}

/** The failing path of a charge: a `finite_wasm_gas` request per amount, then `unreachable`. */
function slowRequests(w: ByteWriter, amounts: readonly Gas[]): void {
  for (const a of amounts) w.byte(0x42).i64n(a).byte(0x10).u32(GAS_FN);
  w.byte(0x00);
}

/** `c / regular` when that is a whole number below 1024, else -1. */
function opsMultiple(c: Gas, regular: Gas): number {
  if (typeof c !== 'number' || typeof regular !== 'number') return -1;
  const ops = c / regular;
  return ops < 1024 && ops === Math.floor(ops) && ops * regular === c ? ops : -1;
}
