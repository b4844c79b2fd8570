/**
 * GasCounter: nearcore's `logic/gas_counter.rs`, with the same arithmetic and the same failure
 * behaviour, because both are visible in outcomes (burnt/used gas, which limit error is reported,
 * partial charges in the profile).
 *
 * State: `burntGas` (irreversibly spent) and `promisesGas` (reserved for receipts created by the
 * call); used = burnt + promises. `gasLimit` = min(max_gas_burnt, prepaid) and, outside views,
 * drops to min(max_gas_burnt, prepaid − promises) whenever gas is prepaid for a promise.
 *
 * Submodules extension: `enterFrame(budget)` caps the *used* gas of everything charged until the
 * matching `exitFrame` at used-at-entry + budget (frames nest; the innermost is the tightest).
 * Crossing a frame's cap burns up to it and throws `SubmoduleGasExhausted` instead of a HostError,
 * which the submodule call that opened the frame turns into a status for its caller. Without a
 * frame nothing differs from nearcore.
 */
import { HostError, type HostErrorData } from '@nearts/vm-errors';
import type { ActionCosts, ExtCosts, ParameterCost } from '@nearts/runtime-fees';
import { VMLogicUsageError } from './errors.js';
import type { StorageAccessTracker } from './external.js';
import { U64_MAX, checkedAddU64, checkedMulU64, minBig, saturatingSubU64 } from './internal/u64.js';
import { ProfileDataV3 } from './profile.js';
import { SubmoduleGasExhausted } from './submodules/errors.js';

/** An open submodule gas frame: used gas may not pass `usedCeiling`. */
interface GasFrame {
  readonly usedCeiling: bigint;
  readonly budget: bigint;
}

export type ExtCostsConfig = Readonly<Record<ExtCosts, ParameterCost>>;

/** The part of an add-gas-key execution fee nearcore splits off (`GasKeyAddFee`). */
export interface GasKeyAddFee {
  readonly base: ParameterCost;
  readonly perByte: ParameterCost;
}

function gasError(kind: 'GasExceeded' | 'GasLimitExceeded'): HostError {
  return new HostError({ kind } as HostErrorData);
}

export class GasCounter implements StorageAccessTracker {
  private burnt = 0n;
  private limit: bigint;
  private promises = 0n;
  readonly maxGasBurnt: bigint;
  /** Prepaid gas; u64::MAX in a view call (nearcore ignores the prepaid limit there). */
  readonly prepaidGas: bigint;
  readonly isView: boolean;
  /** Gas per opcode for the legacy `gas` import. */
  readonly opcodeCost: bigint;
  readonly extCosts: ExtCostsConfig;
  private readonly profile = new ProfileDataV3();
  /** Compute cost of the send side of action fees (nearcore keeps it apart from the profile). */
  sendActionComputeUsage = 0n;
  /** Open submodule frames, outermost first. */
  private readonly frames: GasFrame[] = [];
  /** `limit`, lowered to the innermost frame's burnt ceiling while a frame is open. */
  private effectiveLimit: bigint;
  /** Number of open submodule frames (0 outside any submodule call). */
  frameDepth = 0;

  constructor(extCosts: ExtCostsConfig, maxGasBurnt: bigint, opcodeCost: bigint, prepaidGas: bigint, isView: boolean) {
    this.extCosts = extCosts;
    this.maxGasBurnt = maxGasBurnt;
    this.opcodeCost = opcodeCost;
    this.prepaidGas = isView ? U64_MAX : prepaidGas;
    this.isView = isView;
    this.limit = minBig(maxGasBurnt, this.prepaidGas);
    this.effectiveLimit = this.limit;
  }

  /** Gas burnt so far. */
  burntGas(): bigint {
    return this.burnt;
  }

  /** Burnt plus gas reserved for promises. */
  usedGas(): bigint {
    return this.burnt + this.promises;
  }

  promisesGas(): bigint {
    return this.promises;
  }

  /** The current hard limit for burning (`FastGasCounter::gas_limit`; lower inside a submodule frame). */
  gasLimit(): bigint {
    return this.effectiveLimit;
  }

  /** What a submodule call could be given: the most that may still be used and burnt now. */
  availableGas(): bigint {
    const toLimit = saturatingSubU64(this.effectiveLimit, this.burnt);
    const remaining = this.remainingGas();
    return toLimit < remaining ? toLimit : remaining;
  }

  /** Opens a frame in which at most `budget` more gas may be used (clamped to `availableGas()`). */
  enterFrame(budget: bigint): bigint {
    const granted = minBig(budget, this.availableGas());
    this.frames.push({ usedCeiling: this.usedGas() + granted, budget: granted });
    this.frameDepth = this.frames.length;
    this.updateEffectiveLimit();
    return granted;
  }

  /** Closes the innermost frame. */
  exitFrame(): void {
    if (this.frames.pop() === undefined) throw new VMLogicUsageError('exitFrame without a frame');
    this.frameDepth = this.frames.length;
    this.updateEffectiveLimit();
  }

  private updateEffectiveLimit(): void {
    const top = this.frames[this.frames.length - 1];
    this.effectiveLimit = top === undefined ? this.limit : minBig(this.limit, saturatingSubU64(top.usedCeiling, this.promises));
  }

  /** The innermost frame was crossed: burn up to its ceiling, then fail the submodule call. */
  private frameExhausted(): SubmoduleGasExhausted {
    const top = this.frames[this.frames.length - 1];
    if (this.effectiveLimit > this.burnt) this.burnt = this.effectiveLimit;
    return new SubmoduleGasExhausted(top.budget);
  }

  /** prepaid − used, saturating: what wasm may still spend. */
  remainingGas(): bigint {
    return saturatingSubU64(this.prepaidGas, this.usedGas());
  }

  /** A copy of the profile as it stands (wasm gas is filled in by the outcome). */
  profileData(): ProfileDataV3 {
    return this.profile.clone();
  }

  /**
   * Burns gas with no profile entry (wasm instructions, the `gas` import, finite-wasm charges).
   * Throws IntegerOverflow when burnt would pass u64::MAX (nothing charged), otherwise
   * GasExceeded/GasLimitExceeded after clamping, exactly like nearcore's `burn_gas`.
   */
  burnGas(gas: bigint): void {
    if (gas < 0n || gas > U64_MAX) throw new VMLogicUsageError(`gas amount out of u64 range: ${gas}`);
    const newBurnt = checkedAddU64(this.burnt, gas);
    if (newBurnt <= this.effectiveLimit) {
      this.burnt = newBurnt;
      return;
    }
    if (this.frameDepth !== 0) throw this.frameExhausted();
    // nearcore computes `new_used` with a wrapping add here; the saturating subtraction in
    // processGasLimit keeps the result well defined.
    const newUsed = BigInt.asUintN(64, newBurnt + this.promises);
    throw this.processGasLimit(newBurnt, newUsed);
  }

  private processGasLimit(newBurnt: bigint, newUsed: bigint): HostError {
    const hardBurntLimit = minBig(this.prepaidGas, this.maxGasBurnt);
    this.burnt = minBig(newBurnt, hardBurntLimit);
    // nearcore keeps promises gas on failure (changing it would be a protocol change, #5148).
    const usedLimit = minBig(this.prepaidGas, newUsed);
    this.promises = saturatingSubU64(usedLimit, this.burnt);
    // When both limits are crossed, GasLimitExceeded wins.
    return gasError(newBurnt > this.maxGasBurnt ? 'GasLimitExceeded' : 'GasExceeded');
  }

  /** Burns `gasBurnt` and reserves `gasUsed − gasBurnt` for promises (nearcore `deduct_gas`). */
  private deductGas(gasBurnt: bigint, gasUsed: bigint): void {
    if (gasBurnt > gasUsed) throw new VMLogicUsageError('deduct_gas: burnt exceeds used');
    const promisesDelta = gasUsed - gasBurnt;
    const newPromises = checkedAddU64(this.promises, promisesDelta);
    const newBurnt = checkedAddU64(this.burnt, gasBurnt);
    const newUsed = checkedAddU64(newBurnt, newPromises);
    if (this.frameDepth !== 0 && newUsed > this.frames[this.frames.length - 1].usedCeiling) throw this.frameExhausted();
    if (newBurnt <= this.maxGasBurnt && newUsed <= this.prepaidGas) {
      if (promisesDelta !== 0n && !this.isView) {
        this.limit = minBig(this.maxGasBurnt, this.prepaidGas - newPromises);
      }
      this.burnt = newBurnt;
      this.promises = newPromises;
      if (this.frameDepth !== 0 || promisesDelta !== 0n) this.updateEffectiveLimit();
      return;
    }
    throw this.processGasLimit(newBurnt, newUsed);
  }

  /** `pay_base`: burns one unit of `cost`, recording what was actually burnt in the profile. */
  payBase(cost: ExtCosts): void {
    this.chargeExt(cost, this.extCosts[cost].gas);
  }

  /** `pay_per`: burns `num` units of `cost`; an overflowing product is IntegerOverflow, nothing charged. */
  payPer(cost: ExtCosts, num: bigint): void {
    this.chargeExt(cost, checkedMulU64(this.extCosts[cost].gas, num));
  }

  private chargeExt(cost: ExtCosts, gas: bigint): void {
    // The common case, without the try/finally of a charge that may fail: within the limit
    // (which is at most u64::MAX), so burnGas would neither overflow nor clamp.
    if (gas >= 0n) {
      const newBurnt = this.burnt + gas;
      if (newBurnt <= this.effectiveLimit) {
        this.burnt = newBurnt;
        this.profile.addExtCost(cost, gas);
        return;
      }
    }
    const before = this.burnt;
    try {
      this.burnGas(gas);
    } finally {
      this.profile.addExtCost(cost, saturatingSubU64(this.burnt, before));
    }
  }

  /**
   * `pay_action_accumulated`: burns `burnCost.gas`, reserves `useGas − burnCost.gas`, profiles the
   * burnt part under `action`. On a gas failure the compute charged equals the gas actually burnt.
   */
  payActionAccumulated(burnCost: ParameterCost, useGas: bigint, action: ActionCosts): void {
    this.accumulate(burnCost, useGas, (burnt) => this.profile.addActionCost(action, burnt));
  }

  /** `payActionAccumulated` for an action of a nearts extension, profiled under `name`. */
  payExtensionActionAccumulated(burnCost: ParameterCost, useGas: bigint, name: string): void {
    this.accumulate(burnCost, useGas, (burnt) => this.profile.addExtensionCost(name, burnt));
  }

  private accumulate(burnCost: ParameterCost, useGas: bigint, profile: (burnt: bigint) => void): void {
    const before = this.burnt;
    let failure: unknown;
    try {
      this.deductGas(burnCost.gas, useGas);
    } catch (e) {
      failure = e;
    }
    const burnt = saturatingSubU64(this.burnt, before);
    profile(burnt);
    const compute = failure === undefined ? burnCost.compute : burnt;
    this.sendActionComputeUsage = checkedAddU64(this.sendActionComputeUsage, compute);
    if (failure !== undefined) throw failure;
  }

  /**
   * Burns a host-side fee of a nearts extension (e.g. `submodule_call`), profiled under `name`
   * apart from nearcore's ExtCosts entries.
   */
  payExtensionCost(name: string, cost: ParameterCost, count = 1n): void {
    const before = this.burnt;
    try {
      this.burnGas(checkedMulU64(cost.gas, count));
    } finally {
      this.profile.addExtensionCost(name, saturatingSubU64(this.burnt, before));
    }
  }

  /** The two extra fee entries of adding a gas key (nearcore `pay_gas_key_add_key_fees`). */
  payGasKeyAddKeyFees(sendFee: ParameterCost, execFee: GasKeyAddFee): void {
    this.payActionAccumulated({ gas: 0n, compute: 0n }, execFee.base.gas, 'gas_key_nonce_write_base');
    const useGas = checkedAddU64(sendFee.gas, execFee.perByte.gas);
    this.payActionAccumulated(sendFee, useGas, 'gas_key_byte');
  }

  /** Reserves gas for a promise without burning it. */
  prepayGas(useGas: bigint): void {
    this.deductGas(0n, useGas);
  }

  /** Loading fee: `contract_loading_bytes` × len, then `contract_loading_base`. */
  addContractLoadingFee(codeLen: bigint): void {
    this.payPer('contract_loading_bytes', codeLen);
    this.payBase('contract_loading_base');
  }

  // StorageAccessTracker: the runtime's External charges trie-node and deref fees through these.
  trieNodeTouched(count: bigint): void {
    this.payPer('touching_trie_node', count);
  }

  cachedTrieNodeAccess(count: bigint): void {
    this.payPer('read_cached_trie_node', count);
  }

  derefWriteEvictedValueBytes(bytes: bigint): void {
    this.payPer('storage_write_evicted_byte', bytes);
  }

  derefRemovedValueBytes(bytes: bigint): void {
    this.payPer('storage_remove_ret_value_byte', bytes);
  }
}
