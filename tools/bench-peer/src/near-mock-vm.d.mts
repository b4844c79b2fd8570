/** Call context; every field is optional and defaults to DEFAULT_CONTEXT. */
export interface PeerContext {
  currentAccountId?: string;
  signerAccountId?: string;
  /** borsh(PublicKey) bytes: key type byte then the key (33 bytes for ed25519). */
  signerAccountPk?: Uint8Array;
  predecessorAccountId?: string;
  blockIndex?: bigint;
  blockTimestamp?: bigint;
  epochHeight?: bigint;
  accountBalance?: bigint;
  accountLockedBalance?: bigint;
  /** Passed to the VM but overridden by it: near-mock-vm reports Σ(key+value lengths) of the state. */
  storageUsage?: bigint;
  attachedDeposit?: bigint;
  prepaidGas?: bigint;
  randomSeed?: Uint8Array;
  isView?: boolean;
}

/** Contract storage: base64 key -> base64 value. */
export type PeerState = Map<string, string> | Record<string, string>;

export interface PeerCall {
  wasm: Uint8Array;
  method: string;
  /** Raw input bytes (JSON for these contracts); a string is UTF-8 encoded. */
  input?: Uint8Array | string;
  context?: PeerContext;
  state?: PeerState;
  /** Must be empty: near-mock-vm has no way to set promise results (PeerUnsupportedError). */
  promiseResults?: readonly unknown[];
}

export type PeerReturnData =
  | { type: 'Value'; value: Uint8Array }
  | { type: 'ReceiptIndex'; index: bigint }
  | { type: 'None' };

export interface PeerError {
  /** HostError: near-vm-logic error (GuestPanic included); WasmTrap: trap in contract code;
   *  LinkError: the contract imports a host function near-mock-vm does not have;
   *  MethodNotFound / MethodEmptyName / PrepareError: rejected before execution;
   *  VMError / PeerPanic: other panics inside near-mock-vm. */
  kind: 'HostError' | 'WasmTrap' | 'LinkError' | 'MethodNotFound' | 'MethodEmptyName' | 'PrepareError' | 'VMError' | 'PeerPanic';
  message: string;
  /** near-vm-logic HostError variant name, e.g. 'GuestPanic', 'ProhibitedInView'. */
  hostError?: string;
  /** The contract's panic message for GuestPanic (panic, panic_utf8, AssemblyScript abort). */
  panicMsg?: string;
}

/** A receipt as near-sdk 3.1's mocked blockchain reports it; integers are bigint. */
export interface PeerReceipt {
  receipt_indices: bigint[];
  receiver_id: string;
  actions: unknown[];
}

export interface PeerResult {
  returnValue: Uint8Array | null;
  returnData: PeerReturnData;
  /** On failure: the logs emitted before the failure (mirrored by the driver). */
  logs: string[];
  /** State after the call, sorted by key bytes; on failure the input state unchanged. */
  state: Map<string, string>;
  /** Outgoing receipts (recorded, never executed); empty on failure. */
  receipts: PeerReceipt[];
  /** Account balance after the call (success only). */
  balance?: bigint;
  /** near-mock-vm's storage_usage after the call (success only; not nearcore's number). */
  storageUsage?: bigint;
  error?: PeerError;
}

export interface Peer {
  call(call: PeerCall): PeerResult;
  stats(): { calls: number; runtimeInstances: number };
}

export function createPeer(options?: { freshRuntimePerCall?: boolean }): Peer;
