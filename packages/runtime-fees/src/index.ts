/**
 * @nearts/runtime-fees: every runtime parameter of protocol versions 83-86 and the nightly sets,
 * built from nearcore's parameter files, with the RuntimeConfigView JSON.
 */
export const PACKAGE_NAME = '@nearts/runtime-fees';
export * from './types.js';
export * from './errors.js';
export {
  runtimeConfig,
  runtimeParameters,
  parameterVersionFor,
  SUPPORTED_PROTOCOL_VERSIONS,
  PARAMETER_DIFF_VERSIONS,
  MIN_SUPPORTED_PROTOCOL_VERSION,
  STABLE_PROTOCOL_VERSION,
  NIGHTLY_PROTOCOL_VERSION,
  MAINNET,
  TESTNET,
} from './store.js';
export {
  runtimeConfigView,
  runtimeConfigViewJson,
  type RuntimeConfigView,
  type RuntimeConfigViewOptions,
} from './view.js';
export { applyParameterOverrides, withSandboxHostFunctions, withSubmodules, type ParameterOverrideValue } from './overrides.js';
export {
  SUBMODULE_PARAMETER_NAMES,
  isSubmoduleParameterName,
  submoduleConfigOf,
  submoduleParameters,
  type SubmoduleConfig,
  type SubmoduleParameterName,
} from './extensions/submodules.js';
export {
  sendFee,
  execFee,
  minSendAndExecFee,
  addCosts,
  minReceiptWithFunctionCallGas,
  gasPenaltyForGasRefund,
  transferSendFee,
  transferExecFee,
  type ReceiverAccountType,
} from './fees.js';
export { stringifyJsonPretty, parseJsonExact, formatF64, JsonParseError, type JsonValue } from './json.js';
export { PARAMETER_NAMES, isParameterName, type ParameterName } from './parameter-names.js';
export type { ParameterValue, FeeComponentValue } from './parameter-value.js';
export { formatParameterTable, type ParameterTable } from './parameter-table.js';
export { FEE_PARAMETERS, extCostParameter } from './parameter-map.js';
