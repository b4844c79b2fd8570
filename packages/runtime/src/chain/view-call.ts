/**
 * View calls (nearcore state_viewer `call_function`): run a method read-only against a fork of
 * the state, with the account as its own signer and predecessor, `max_gas_burnt` of gas, the
 * state root as random seed and an all-zero action hash.
 */
import {
  createRandomSeed,
  encode,
  PublicKeyCodec,
  ZERO_HASH,
  type AccountId,
} from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import type { State } from '@nearts/store';
import { debugFunctionCallError, type FunctionCallErrorData } from '@nearts/vm-errors';
import type { VMContext } from '@nearts/vm-logic';
import { runContract, type Executor } from '../ext/vm-bridge.js';
import { resolveContractCode, vmContract } from '../actions/function-call.js';
import { RuntimeUsageError } from '../errors.js';
import { NO_VALIDATORS, RuntimeExt, type EpochInfo } from '../ext/runtime-ext.js';
import { TrieAccounting } from '../ext/trie-accounting.js';
import { EMPTY_ED25519_KEY } from '../receipts.js';
import { getAccount } from '../state/accessors.js';
import { StateUpdate } from '../state/state-update.js';

export interface ViewCallInput {
  state: State;
  config: RuntimeConfig;
  chainId: string;
  accountId: AccountId;
  method: string;
  args: Uint8Array;
  blockHeight: bigint;
  blockTimestamp: bigint;
  epochHeight: bigint;
  epochInfo?: EpochInfo;
  executor?: Executor;
}

export interface ViewCallResult {
  result: Uint8Array;
  logs: string[];
}

/**
 * A view call that aborted (nearcore `CallFunctionError::VMError`); the message is nearcore's
 * `error_message`, with the error in Rust's Debug form as the RPC reports it.
 */
export class ViewCallError extends Error {
  override readonly name = 'ViewCallError';
  constructor(
    readonly error: FunctionCallErrorData,
    readonly logs: string[],
  ) {
    super(`wasm execution failed with error: ${debugFunctionCallError(error)}`);
  }
}

export function viewCall(input: ViewCallInput): ViewCallResult {
  const fork = input.state.fork();
  try {
    const su = new StateUpdate(fork);
    const account = getAccount(su, input.accountId);
    if (account === undefined) throw new RuntimeUsageError(`account ${input.accountId} does not exist while viewing`);
    const maxGas = input.config.wasmConfig.limitConfig.maxGasBurnt;
    const ext = new RuntimeExt({
      state: su,
      accountId: input.accountId,
      actionHash: ZERO_HASH,
      blockHeight: input.blockHeight,
      epochInfo: input.epochInfo ?? NO_VALIDATORS,
      chainId: input.chainId,
      accounting: new TrieAccounting(undefined),
      submodules: input.config.wasmConfig.submodules !== undefined,
    });
    const context: VMContext = {
      currentAccountId: input.accountId,
      signerAccountId: input.accountId,
      signerAccountPk: encode(PublicKeyCodec, EMPTY_ED25519_KEY),
      predecessorAccountId: input.accountId,
      refundToAccountId: input.accountId,
      input: input.args,
      promiseResults: [],
      blockHeight: input.blockHeight,
      blockTimestamp: input.blockTimestamp,
      epochHeight: input.epochHeight,
      accountBalance: account.amount,
      accountLockedBalance: account.locked,
      storageUsage: account.storageUsage,
      accountContract: vmContract(account.contract),
      attachedDeposit: 0n,
      prepaidGas: maxGas,
      randomSeed: createRandomSeed(ZERO_HASH, fork.stateRoot()),
      viewConfig: { maxGasBurnt: maxGas },
      outputDataReceivers: [],
    };
    const code = resolveContractCode(su, input.accountId, account.contract);
    const outcome = runContract({
      code: code?.code ?? null,
      codeHash: code?.hash,
      method: input.method,
      context,
      config: input.config,
      external: ext,
      executor: input.executor,
    });
    if (outcome.aborted !== null) throw new ViewCallError(outcome.aborted, [...outcome.logs]);
    const result = outcome.returnData.kind === 'Value' ? outcome.returnData.value : new Uint8Array(0);
    return { result, logs: [...outcome.logs] };
  } finally {
    fork.close();
  }
}
