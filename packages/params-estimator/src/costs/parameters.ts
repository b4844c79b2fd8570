/**
 * Which protocol parameter a cost estimates, what the protocol charges for it, and the name the
 * parameter has in nearcore's YAML files.
 *
 * Action costs follow nearcore's `costs_to_runtime_config`: an estimate of a whole action (e.g.
 * `ActionTransfer`) covers sending and executing it, so it is compared with
 * `send_not_sir + execution` (`send_sir + execution` for the sir variants); the split estimates
 * (`…SendSir`, `…SendNotSir`, `…Exec`) are compared with one fee component each.
 */
import { FEE_PARAMETERS, extCostParameter, type ActionCosts, type ExtCosts, type RuntimeConfig } from '@nearts/runtime-fees';

export type FeePart = 'send_sir' | 'send_not_sir' | 'execution' | 'total' | 'total_sir';

export type ParameterRef =
  | { readonly kind: 'ext'; readonly cost: ExtCosts }
  | { readonly kind: 'fee'; readonly fee: ActionCosts; readonly part: FeePart }
  | { readonly kind: 'regular_op' }
  /** Compared with a parameter that covers it only in part; never written to the YAML diff. */
  | { readonly kind: 'reference'; readonly of: ParameterRef; readonly why: string };

export function parameterName(ref: ParameterRef): string {
  switch (ref.kind) {
    case 'ext':
      return extCostParameter(ref.cost);
    case 'fee':
      return FEE_PARAMETERS[ref.fee];
    case 'regular_op':
      return 'wasm_regular_op_cost';
    case 'reference':
      return parameterName(ref.of);
  }
}

/** The parameter with the fee component, as written in reports: `action_transfer.execution`. */
export function parameterLabel(ref: ParameterRef): string {
  if (ref.kind === 'reference') return `${parameterLabel(ref.of)} (reference)`;
  if (ref.kind !== 'fee') return parameterName(ref);
  const name = FEE_PARAMETERS[ref.fee];
  switch (ref.part) {
    case 'total':
      return `${name} (send_not_sir+execution)`;
    case 'total_sir':
      return `${name} (send_sir+execution)`;
    default:
      return `${name}.${ref.part}`;
  }
}

/** Gas the protocol charges for what the cost measures. */
export function chargedGas(config: RuntimeConfig, ref: ParameterRef): bigint {
  switch (ref.kind) {
    case 'ext':
      return config.wasmConfig.extCosts[ref.cost].gas;
    case 'regular_op':
      return config.wasmConfig.regularOpCost;
    case 'reference':
      return chargedGas(config, ref.of);
    case 'fee': {
      const f = config.fees.actionFees[ref.fee];
      switch (ref.part) {
        case 'send_sir':
          return f.sendSir;
        case 'send_not_sir':
          return f.sendNotSir;
        case 'execution':
          return f.execution;
        case 'total':
          return f.sendNotSir + f.execution;
        case 'total_sir':
          return f.sendSir + f.execution;
      }
    }
  }
}

/** Compute (chunk-time) cost where a parameter sets it apart from gas, else null. */
export function chargedCompute(config: RuntimeConfig, ref: ParameterRef): bigint | null {
  if (ref.kind === 'ext') {
    const c = config.wasmConfig.extCosts[ref.cost];
    return c.compute === c.gas ? null : c.compute;
  }
  if (ref.kind === 'fee') {
    const f = config.fees.actionFees[ref.fee];
    const pick = { send_sir: f.sendSirCompute, send_not_sir: f.sendNotSirCompute, execution: f.executionCompute, total: f.sendNotSirCompute + f.executionCompute, total_sir: f.sendSirCompute + f.executionCompute }[ref.part];
    return pick === chargedGas(config, ref) ? null : pick;
  }
  return null;
}
