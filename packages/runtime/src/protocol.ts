/**
 * Protocol features the runtime branches on, with the version that enabled them (nearcore
 * core/primitives-core/src/version.rs). nearts supports protocol 83..86; every feature below 83
 * is always on.
 */
export const PROTOCOL_FEATURES = {
  Wasmtime: 84,
  GasKeys: 85,
  DelegateV2: 85,
  StrictNonce: 85,
  PostQuantumSignatures: 85,
  AccountCostIncrease: 85,
  UniqueChunkTransactions: 85,
  YieldWithId: 85,
  ExecutionMetadataV4: 85,
  FixDelegateActionDepositWithFunctionCallError: 85,
  FixDeleteAccountGlobalContractStorageUsage: 85,
  FixDelegatedDeterministicStateInit: 85,
  FixContractLoadingError: 86,
} as const;

export type ProtocolFeature = keyof typeof PROTOCOL_FEATURES;

export function featureEnabled(feature: ProtocolFeature, protocolVersion: number): boolean {
  return protocolVersion >= PROTOCOL_FEATURES[feature];
}

/** The protocol version nearts reproduces by default. */
export const DEFAULT_PROTOCOL_VERSION = 86;
