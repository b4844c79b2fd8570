/** A scenario file after reading: typed steps and expectations, each tied to its place in the file. */
import type { AccessKeyPermission, Action, KeyPair, PublicKey } from '@nearts/primitives';
import type { AccountPatch, KeyInput } from '../sandbox/patch.js';
import type { Node } from './node.js';
import type { NumMatch, TextMatch, ValueMatch } from './values.js';

/** An expectation with the node it was read from (its JSON path, raw text and place to update). */
export interface Field<T> {
  m: T;
  node: Node;
}

export interface GenesisAccountSpec {
  accountId: string;
  balance: bigint;
  locked: bigint;
  keys: KeyInput[];
  code?: Uint8Array;
  storage: Array<[Uint8Array, Uint8Array]>;
}

export interface GenesisSpec {
  protocolVersion?: number;
  chainId?: string;
  timestamp?: bigint;
  height?: bigint;
  gasPrice?: bigint;
  accounts: GenesisAccountSpec[];
}

export type StatusMatch = 'success' | 'failure' | 'any';
export type FailureMatch = 'any' | { kind?: string; message?: TextMatch };
export type ListMatch<T> = 'any' | { items: T[]; more: boolean };

export interface ReceiptExpect {
  executor?: Field<TextMatch>;
  status?: Field<StatusMatch>;
  value?: Field<ValueMatch>;
  failure?: Field<FailureMatch>;
  logs?: Field<ListMatch<TextMatch>>;
  gasBurnt?: Field<NumMatch>;
  tokensBurnt?: Field<NumMatch>;
}

export interface KeyExpect {
  publicKey: PublicKey;
  node: Node;
  /** undefined: the key must exist; 'absent': it must not. */
  nonce?: NumMatch;
  permission?: AccessKeyPermission;
  absent?: boolean;
}

export interface StorageExpect {
  key: Uint8Array;
  node: Node;
  /** null: the entry must be absent. */
  value: ValueMatch | null;
}

export interface AccountExpect {
  accountId: string;
  node: Node;
  exists?: Field<boolean>;
  balance?: Field<NumMatch>;
  locked?: Field<NumMatch>;
  storageUsage?: Field<NumMatch>;
  codeHash?: Field<TextMatch>;
  code?: Field<Uint8Array>;
  keys?: Field<ListMatch<KeyExpect>>;
  storage?: Field<ListMatch<StorageExpect>>;
}

export interface TxExpect extends ReceiptExpect {
  receipts?: Field<ListMatch<ReceiptExpect | 'any'>>;
  accounts: AccountExpect[];
}

export interface StepBase {
  index: number;
  node: Node;
  id?: string;
  comment?: string;
}

export interface TransactionStep extends StepBase {
  kind: 'transaction' | 'call';
  from: Field<string>;
  key?: Field<PublicKey>;
  to: string;
  nonce?: bigint;
  actions: Action[];
  /** Key pairs the actions add (held by the runner once the transaction succeeds). */
  addedKeys: KeyPair[];
  expect?: TxExpect;
}

export interface RawTransactionStep extends StepBase {
  kind: 'rawTransaction';
  bytes: Uint8Array;
  expect?: TxExpect;
}

export interface ViewStep extends StepBase {
  kind: 'view';
  contract: string;
  method: string;
  args: Uint8Array;
  expect?: ReceiptExpect;
}

export interface PatchStep extends StepBase {
  kind: 'patchState';
  accounts: Record<string, AccountPatch>;
}

export interface AdvanceStep extends StepBase {
  kind: 'advanceBlocks';
  blocks: bigint;
}

export interface TimestampStep extends StepBase {
  kind: 'setTimestamp';
  timestamp: bigint;
}

export interface CheckStep extends StepBase {
  kind: 'checkState';
  accounts: AccountExpect[];
  height?: Field<NumMatch>;
  timestamp?: Field<NumMatch>;
}

export type Step = TransactionStep | RawTransactionStep | ViewStep | PatchStep | AdvanceStep | TimestampStep | CheckStep;
export type StepKind = Step['kind'];

export interface Scenario {
  file: string;
  name?: string;
  comment?: string;
  genesis: GenesisSpec;
  steps: Step[];
  /** The file's JSON as read (rewritten by --update-expectations). */
  raw: unknown;
}
