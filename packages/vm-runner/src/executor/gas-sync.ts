/**
 * The host side of the gas-global protocol (abi.ts), shared by every instance of one contract call:
 * the contract's instance and the submodule instances it calls, synchronously, at any depth.
 *
 * Each instance has its own gas global, but all of them draw on one GasCounter, and only one
 * instance runs at a time. `written` is what the host last stored into the global of the instance
 * that runs now: on leaving wasm (a host call, a return, a trap, a call across instances) the host
 * burns `written − global` and on entering wasm it stores the counter's current allowance. Every
 * crossing between instances goes through the host: `submodule_call` settles the caller before the
 * submodule starts and refreshes it after; the trampoline of a parent export hands the remaining
 * allowance over to the contract's global and back (`handOver`), so `written − live global` is
 * always exactly what was spent and not yet burnt, and the counter ends up with exactly the gas
 * spent by all instances.
 */
import type {} from '../webassembly-types.js';
import type { GasCounter } from '@nearts/vm-logic';

const I64_MAX = (1n << 63n) - 1n;

export class GasSync {
  /** The value last written into the gas global of the instance that runs now. */
  private written = 0n;

  constructor(private readonly gas: GasCounter) {}

  /**
   * What wasm may burn before the next sync: up to the counter's burn limit (lower inside a
   * submodule frame) and its remaining gas, so a loop without host calls in a view (prepaid
   * treated as u64::MAX) still stops at its limit.
   */
  private allowance(): bigint {
    const remaining = this.gas.remainingGas();
    const toLimit = this.gas.gasLimit() - this.gas.burntGas();
    const allowance = toLimit < remaining ? toLimit : remaining;
    return allowance > I64_MAX ? I64_MAX : allowance < 0n ? 0n : allowance;
  }

  /** Before wasm runs (again): the global gets the current allowance. */
  enter(global: WebAssembly.Global): void {
    this.written = this.allowance();
    global.value = this.written;
  }

  /**
   * Control moves from the instance of `from` to the instance of `to` without the host doing
   * anything else (a trampoline to a parent export, or back): the remaining allowance moves with
   * it. Nothing needs burning: `written` stays the reference for whichever global is live.
   */
  handOver(from: WebAssembly.Global, to: WebAssembly.Global): void {
    to.value = from.value;
  }

  /** When wasm stops running: burn what it spent since the last `enter`. */
  leave(global: WebAssembly.Global): void {
    const left = BigInt.asUintN(64, global.value as bigint);
    if (this.written > left) this.gas.burnGas(this.written - left);
    this.written = left;
  }
}
