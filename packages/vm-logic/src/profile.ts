/**
 * ProfileDataV3: where the gas of one call went (nearcore `core/primitives/src/profile_data_v3.rs`).
 * One entry per `ActionCosts` (26) and per `ExtCosts` (88), indexed by enum discriminant, plus the
 * wasm instruction gas, which is never tracked directly: it is what remains of the burnt gas once
 * the action and host entries are subtracted.
 */
import { ACTION_COSTS, EXT_COSTS, type ActionCosts, type ExtCosts, type ParameterCost } from '@nearts/runtime-fees';
import { VMLogicDecodeError } from './errors.js';
import { U64_MAX, saturatingAddU64, saturatingSubU64 } from './internal/u64.js';

const EXT_INDEX: ReadonlyMap<ExtCosts, number> = new Map(EXT_COSTS.map((c, i) => [c, i]));
const ACTION_INDEX: ReadonlyMap<ActionCosts, number> = new Map(ACTION_COSTS.map((c, i) => [c, i]));

export function extCostIndex(cost: ExtCosts): number {
  return EXT_INDEX.get(cost)!;
}

export function actionCostIndex(cost: ActionCosts): number {
  return ACTION_INDEX.get(cost)!;
}

export class ProfileDataV3 {
  /** Gas per `ActionCosts`, by discriminant. */
  readonly actionsProfile: bigint[] = new Array<bigint>(ACTION_COSTS.length).fill(0n);
  /** Gas per `ExtCosts`, by discriminant. */
  readonly wasmExtProfile: bigint[] = new Array<bigint>(EXT_COSTS.length).fill(0n);
  wasmGas = 0n;
  /** Gas of extension fees by name (empty unless an extension charged something). */
  readonly extensionProfile = new Map<string, bigint>();

  addExtensionCost(name: string, gas: bigint): void {
    this.extensionProfile.set(name, saturatingAddU64(this.extensionProfile.get(name) ?? 0n, gas));
  }

  /** Σ extension fees. */
  extensionGas(): bigint {
    let total = 0n;
    for (const g of this.extensionProfile.values()) total = saturatingAddU64(total, g);
    return total;
  }

  addActionCost(action: ActionCosts, gas: bigint): void {
    const i = actionCostIndex(action);
    this.actionsProfile[i] = saturatingAddU64(this.actionsProfile[i], gas);
  }

  addExtCost(ext: ExtCosts, gas: bigint): void {
    const i = extCostIndex(ext);
    this.wasmExtProfile[i] = saturatingAddU64(this.wasmExtProfile[i], gas);
  }

  getActionCost(action: ActionCosts): bigint {
    return this.actionsProfile[actionCostIndex(action)];
  }

  getExtCost(ext: ExtCosts): bigint {
    return this.wasmExtProfile[extCostIndex(ext)];
  }

  actionGas(): bigint {
    return saturatingSum(this.actionsProfile);
  }

  hostGas(): bigint {
    return saturatingSum(this.wasmExtProfile);
  }

  /** Sets `wasmGas` to what the action and host entries do not explain of `totalGasBurnt`. */
  computeWasmInstructionCost(totalGasBurnt: bigint): void {
    this.wasmGas = saturatingSubU64(saturatingSubU64(totalGasBurnt, this.actionGas()), this.hostGas());
    if (this.extensionProfile.size !== 0) this.wasmGas = saturatingSubU64(this.wasmGas, this.extensionGas());
  }

  /**
   * nearcore's `total_compute_usage`: each non-zero ext entry scaled by compute/gas of its cost
   * (u128 arithmetic, floor division, truncated to u64), plus the send-side compute of action fees,
   * plus the wasm gas (whose compute equals its gas).
   */
  totalComputeUsage(extCosts: Readonly<Record<ExtCosts, ParameterCost>>, sendActionComputeUsage: bigint): bigint {
    let ext = 0n;
    const profile = this.wasmExtProfile;
    for (let i = 0; i < profile.length; i++) {
      const value = profile[i];
      if (value === 0n) continue;
      const { gas, compute } = extCosts[EXT_COSTS[i]];
      // A zero-gas cost cannot have burnt anything; nearcore would divide by zero here.
      const scaled = gas === 0n ? 0n : BigInt.asUintN(64, (value * compute) / gas);
      ext = saturatingAddU64(ext, scaled);
    }
    if (this.extensionProfile.size !== 0) ext = saturatingAddU64(ext, this.extensionGas());
    return saturatingAddU64(saturatingAddU64(ext, sendActionComputeUsage), this.wasmGas);
  }

  merge(other: ProfileDataV3): void {
    saturatingAddInto(this.actionsProfile, other.actionsProfile);
    saturatingAddInto(this.wasmExtProfile, other.wasmExtProfile);
    this.wasmGas = saturatingAddU64(this.wasmGas, other.wasmGas);
    for (const [name, gas] of other.extensionProfile) this.addExtensionCost(name, gas);
  }

  clone(): ProfileDataV3 {
    const p = new ProfileDataV3();
    copyInto(p.actionsProfile, this.actionsProfile);
    copyInto(p.wasmExtProfile, this.wasmExtProfile);
    p.wasmGas = this.wasmGas;
    for (const [name, gas] of this.extensionProfile) p.extensionProfile.set(name, gas);
    return p;
  }

  /** Borsh: `Vec<u64>` of action costs, `Vec<u64>` of ext costs, then the wasm gas `u64`. */
  toBorsh(): Uint8Array {
    const n = 4 + 8 * this.actionsProfile.length + 4 + 8 * this.wasmExtProfile.length + 8;
    const out = new Uint8Array(n);
    const view = new DataView(out.buffer);
    let pos = 0;
    const vec = (values: readonly bigint[]): void => {
      view.setUint32(pos, values.length, true);
      pos += 4;
      for (const v of values) {
        view.setBigUint64(pos, v & U64_MAX, true);
        pos += 8;
      }
    };
    vec(this.actionsProfile);
    vec(this.wasmExtProfile);
    view.setBigUint64(pos, this.wasmGas, true);
    return out;
  }

  /** Inverse of `toBorsh`; missing trailing entries read as 0, like nearcore's decoder. */
  static fromBorsh(bytes: Uint8Array): ProfileDataV3 {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let pos = 0;
    const need = (k: number): void => {
      if (pos + k > bytes.length) throw new VMLogicDecodeError('ProfileDataV3: unexpected end of input');
    };
    const vec = (): bigint[] => {
      need(4);
      const len = view.getUint32(pos, true);
      pos += 4;
      const out: bigint[] = [];
      for (let i = 0; i < len; i++) {
        need(8);
        out.push(view.getBigUint64(pos, true));
        pos += 8;
      }
      return out;
    };
    const p = new ProfileDataV3();
    const actions = vec();
    const ext = vec();
    need(8);
    p.wasmGas = view.getBigUint64(pos, true);
    for (let i = 0; i < p.actionsProfile.length; i++) p.actionsProfile[i] = actions[i] ?? 0n;
    for (let i = 0; i < p.wasmExtProfile.length; i++) p.wasmExtProfile[i] = ext[i] ?? 0n;
    return p;
  }
}

/** Σ values, saturating at u64::MAX; most entries of a profile are zero. */
function saturatingSum(values: readonly bigint[]): bigint {
  let total = 0n;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0n) total = saturatingAddU64(total, v);
  }
  return total;
}

function saturatingAddInto(into: bigint[], from: readonly bigint[]): void {
  for (let i = 0; i < into.length; i++) {
    const v = from[i];
    if (v !== 0n) into[i] = saturatingAddU64(into[i], v);
  }
}

function copyInto(into: bigint[], from: readonly bigint[]): void {
  for (let i = 0; i < into.length; i++) into[i] = from[i];
}

/** One entry of nearcore's RPC gas profile (`CostGasUsed`); gas as a decimal string. */
export interface CostGasUsedView {
  cost_category: 'ACTION_COST' | 'WASM_HOST_COST';
  cost: string;
  gas_used: string;
}

/**
 * The profile as nearcore's RPC shows it (`ExecutionMetadataView.gas_profile`): non-zero action and
 * host-function entries plus `WASM_INSTRUCTION`, names upper-cased, sorted by category then name.
 */
export function gasProfileView(profile: ProfileDataV3): CostGasUsedView[] {
  const entries: CostGasUsedView[] = [];
  ACTION_COSTS.forEach((name, i) => {
    const gas = profile.actionsProfile[i];
    if (gas > 0n) entries.push({ cost_category: 'ACTION_COST', cost: name.toUpperCase(), gas_used: gas.toString() });
  });
  if (profile.wasmGas > 0n) entries.push({ cost_category: 'WASM_HOST_COST', cost: 'WASM_INSTRUCTION', gas_used: profile.wasmGas.toString() });
  EXT_COSTS.forEach((name, i) => {
    const gas = profile.wasmExtProfile[i];
    if (gas > 0n) entries.push({ cost_category: 'WASM_HOST_COST', cost: name.toUpperCase(), gas_used: gas.toString() });
  });
  // Fees of nearts extensions (submodules); the map is empty without them.
  for (const [name, gas] of profile.extensionProfile) {
    if (gas === 0n) continue;
    const category = name.startsWith('deploy_submodule') || name.startsWith('delete_submodule') ? 'ACTION_COST' : 'WASM_HOST_COST';
    entries.push({ cost_category: category, cost: name.toUpperCase(), gas_used: gas.toString() });
  }
  entries.sort((a, b) => (a.cost_category < b.cost_category ? -1 : a.cost_category > b.cost_category ? 1 : a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : 0));
  return entries;
}
