/**
 * VMLogic: the state of one contract call and the helpers every host function shares
 * (nearcore `ExecutionResultState` + `VMLogic` / wasmtime `Ctx`). The host functions themselves
 * live in `host-functions/*`, one file per category, and are reached through the table.
 */
import { HostError, VMRunnerError, type FunctionCallErrorData } from '@nearts/vm-errors';
import type { RuntimeFeesConfig, VMConfig } from '@nearts/runtime-fees';
import { isView, makeGasCounter, type VMContext } from './context.js';
import { VMLogicUsageError } from './errors.js';
import type { External } from './external.js';
import type { GasCounter } from './gas-counter.js';
import { isValidAccountId } from './internal/account-id.js';
import { decodeUtf16Le, decodeUtf8, utf8Length } from './internal/text.js';
import { U64_MAX, i64ToU64, saturatingAddU64, saturatingSubU64, u64ToI64 } from './internal/u64.js';
import { GuestMemory, type MemoryLike } from './memory.js';
import { nopOutcome, type VMOutcome } from './outcome.js';
import { Registers } from './registers.js';
import type { SubmoduleEngine, SubmoduleScope } from './submodules/types.js';
import type { AccountId, PromiseIndex, ReceiptIndex, ReturnData } from './types.js';

/** A promise: one receipt, or a joint promise over several (made by `promise_and`). */
export type VMPromise =
  | { readonly kind: 'Receipt'; readonly receiptIndex: ReceiptIndex }
  | { readonly kind: 'NotReceipt'; readonly receiptIndices: readonly ReceiptIndex[] };

export interface VMLogicOptions {
  readonly ext: External;
  readonly context: VMContext;
  /** `runtimeConfig(v).wasmConfig`. */
  readonly config: VMConfig;
  /** `runtimeConfig(v).fees`. */
  readonly fees: RuntimeFeesConfig;
  /** Guest memory; may also be attached later with `setMemory` (after instantiation). */
  readonly memory?: MemoryLike;
  /** Defaults to `makeGasCounter(context, config)`. */
  readonly gasCounter?: GasCounter;
  /**
   * Submodules extension: makes this the logic of a submodule instance called by `parent`. It
   * shares the parent's gas counter, storage usage, logs and engine, and has its own registers,
   * memory, return value and stack budget.
   */
  readonly submoduleOf?: { readonly parent: VMLogic; readonly scope: SubmoduleScope };
}

/** What a contract call shares with the submodule calls it makes (one account, one receipt). */
interface SharedCallState {
  storageUsage: bigint;
  totalLogLength: bigint;
}

/** A MemoryLike for before instantiation: every access is out of bounds. */
const NO_MEMORY: MemoryLike = {
  fits: () => false,
  read: () => new Uint8Array(0),
  write: () => {},
};

function inconsistentState(): VMRunnerError {
  return new VMRunnerError({ kind: 'InconsistentStateError', msg: 'IntegerOverflow' });
}

export class VMLogic {
  readonly ext: External;
  readonly context: VMContext;
  readonly config: VMConfig;
  readonly fees: RuntimeFeesConfig;
  readonly gas: GasCounter;
  readonly registers = new Registers();
  memory: GuestMemory;
  readonly promises: VMPromise[] = [];
  readonly logs: string[];
  returnData: ReturnData = { kind: 'None' };
  /** Starts at balance + attached deposit and decreases with every deposit attached to a promise. */
  currentAccountBalance: bigint;
  readonly currentAccountLockedBalance: bigint;
  subsidizedAmount = 0n;
  /** Bytes left in the finite-wasm stack model. */
  remainingStack: bigint;
  private readonly initialRecordedStorageSize: bigint;
  private readonly shared: SharedCallState;
  /**
   * Submodules extension: runs submodule instances; installed by the executor of the contract
   * (null when the extension is off or the executor cannot run submodules).
   */
  submoduleEngine: SubmoduleEngine | null;
  /** The access of the submodule this logic runs; null for the account's contract itself. */
  readonly submodule: SubmoduleScope | null;
  /** The contract's logic at the root of a submodule call chain (this one for the contract itself). */
  readonly root: VMLogic;

  constructor(options: VMLogicOptions) {
    this.ext = options.ext;
    this.context = options.context;
    this.config = options.config;
    this.fees = options.fees;
    this.memory = new GuestMemory(options.memory ?? NO_MEMORY);
    this.currentAccountLockedBalance = options.context.accountLockedBalance;
    this.remainingStack = BigInt(options.config.limitConfig.maxStackHeight);
    const sub = options.submoduleOf;
    if (sub === undefined) {
      this.gas = options.gasCounter ?? makeGasCounter(options.context, options.config);
      this.shared = { storageUsage: options.context.storageUsage, totalLogLength: 0n };
      this.logs = [];
      this.currentAccountBalance = options.context.accountBalance + options.context.attachedDeposit;
      this.initialRecordedStorageSize = options.ext.getRecordedStorageSize();
      this.submoduleEngine = null;
      this.submodule = null;
      this.root = this;
    } else {
      const parent = sub.parent;
      this.gas = parent.gas;
      this.shared = parent.shared;
      this.logs = parent.logs;
      this.currentAccountBalance = parent.currentAccountBalance;
      this.initialRecordedStorageSize = parent.initialRecordedStorageSize;
      this.submoduleEngine = parent.submoduleEngine;
      this.submodule = sub.scope;
      this.root = parent.root;
    }
  }

  /** Storage usage of the account as the call has changed it (shared with submodule calls). */
  get currentStorageUsage(): bigint {
    return this.shared.storageUsage;
  }

  set currentStorageUsage(value: bigint) {
    this.shared.storageUsage = value;
  }

  /** UTF-8 bytes logged so far (shared with submodule calls). */
  get totalLogLength(): bigint {
    return this.shared.totalLogLength;
  }

  set totalLogLength(value: bigint) {
    this.shared.totalLogLength = value;
  }

  /** Attaches the guest memory (an executor calls this once the instance exists). */
  setMemory(memory: MemoryLike): void {
    this.memory = new GuestMemory(memory);
  }

  get isView(): boolean {
    return isView(this.context);
  }

  // ---------------------------------------------------------------- executor interface

  /**
   * The value an executor stores into the wasm gas global on entry into wasm and whenever a
   * host function returns: prepaid − used, as an i64 (two's complement, like Rust's `as i64`).
   */
  remainingGasForWasm(): bigint {
    return u64ToI64(this.gas.remainingGas());
  }

  /** Charges wasm instruction gas through nearcore's `burn_gas` path (GasExceeded/GasLimitExceeded). */
  burnWasmGas(amount: bigint): void {
    if (amount < 0n || amount > U64_MAX) throw new VMLogicUsageError(`wasm gas out of u64 range: ${amount}`);
    if (amount > 0n) this.gas.burnGas(amount);
  }

  /**
   * The Wasmtime call hook's burn step: given the global's current value (as i64 or u64),
   * burns `remaining − global` (saturating at 0). Call on every host call and when wasm returns.
   */
  syncWasmGas(globalValue: bigint): void {
    const burned = saturatingSubU64(this.gas.remainingGas(), i64ToU64(globalValue));
    this.burnWasmGas(burned);
  }

  /** Loading fee: `contract_loading_bytes`·codeLen, then `contract_loading_base`. */
  addContractLoadingFee(codeLen: bigint): void {
    this.gas.addContractLoadingFee(codeLen);
  }

  /**
   * nearcore `before_loading_executable`: empty method name aborts with MethodEmptyName; with
   * `fix_contract_loading_cost` the loading fee is charged here (failure → GasExceeded).
   * Returns the abort error, or null to continue.
   */
  beforeLoadingExecutable(methodName: string, codeLen: bigint): FunctionCallErrorData | null {
    if (methodName === '') return { kind: 'MethodResolveError', error: 'MethodEmptyName' };
    if (this.config.fixContractLoadingCost) return this.chargeLoadingFee(codeLen);
    return null;
  }

  /** nearcore `after_loading_executable`: the loading fee when it was not charged before loading. */
  afterLoadingExecutable(codeLen: bigint): FunctionCallErrorData | null {
    if (!this.config.fixContractLoadingCost) return this.chargeLoadingFee(codeLen);
    return null;
  }

  private chargeLoadingFee(codeLen: bigint): FunctionCallErrorData | null {
    try {
      this.addContractLoadingFee(codeLen);
      return null;
    } catch (e) {
      if (e instanceof HostError) return { kind: 'HostError', error: { kind: 'GasExceeded' } };
      throw e;
    }
  }

  // ---------------------------------------------------------------- outcomes

  private computeOutcome(aborted: FunctionCallErrorData | null): VMOutcome {
    const burntGas = this.gas.burntGas();
    const usedGas = this.gas.usedGas();
    const profile = this.gas.profileData();
    profile.computeWasmInstructionCost(burntGas);
    const computeUsage = profile.totalComputeUsage(this.config.extCosts, this.gas.sendActionComputeUsage);
    return {
      balance: this.currentAccountBalance,
      storageUsage: this.currentStorageUsage,
      returnData: this.returnData,
      burntGas,
      usedGas,
      computeUsage,
      logs: [...this.logs],
      profile,
      aborted,
      subsidizedAmount: this.subsidizedAmount,
    };
  }

  /** Outcome of a call that finished normally. */
  okOutcome(): VMOutcome {
    return this.computeOutcome(null);
  }

  /** Outcome of an aborted call: keeps gas, logs, balance and storage as they were. */
  abortOutcome(error: FunctionCallErrorData): VMOutcome {
    return this.computeOutcome(error);
  }

  /** nearcore `abort_but_nop_outcome_in_old_protocol`: a nop outcome unless fix_contract_loading_cost. */
  abortButNopOutcomeInOldProtocol(error: FunctionCallErrorData): VMOutcome {
    return this.config.fixContractLoadingCost ? this.abortOutcome(error) : nopOutcome(error);
  }

  // ---------------------------------------------------------------- helpers for host functions

  /** B: the `base` fee every host function but the crypto ones charges first. */
  payBase(): void {
    this.gas.payBase('base');
  }

  /** ProhibitedInView{methodName} in a view call (callers charge `base` first). */
  checkNotView(methodName: string): void {
    if (this.isView) throw new HostError({ kind: 'ProhibitedInView', method_name: methodName });
  }

  /** GMR: `len == u64::MAX` reads register `ptr`, otherwise `len` bytes of memory at `ptr`. */
  memoryOrRegister(ptr: bigint, len: bigint): Uint8Array {
    if (len === U64_MAX) return this.registers.get(this.gas, ptr);
    return this.memory.read(this.gas, ptr, len);
  }

  /** RW: writes a register with the per-byte fee. */
  setRegister(registerId: bigint, data: Uint8Array): void {
    this.registers.set(this.gas, this.config.limitConfig, registerId, data);
  }

  /** ACC: GMR, utf8 decoding fees, strict UTF-8, then validation (rules version ≥ 2). */
  readAccountId(ptr: bigint, len: bigint): AccountId {
    const buf = this.memoryOrRegister(ptr, len);
    this.gas.payBase('utf8_decoding_base');
    this.gas.payPer('utf8_decoding_byte', BigInt(buf.length));
    const s = decodeUtf8(buf);
    if (s === null) throw new HostError({ kind: 'BadUTF8' });
    if (this.config.limitConfig.accountIdValidityRulesVersion >= 2 && !isValidAccountId(s)) {
      throw new HostError({ kind: 'InvalidAccountId' });
    }
    return s;
  }

  /** Reads a little-endian u128 (MR(16)). */
  readU128(ptr: bigint): bigint {
    return this.memory.readU128(this.gas, ptr);
  }

  writeU128(ptr: bigint, value: bigint): void {
    this.memory.writeU128(this.gas, ptr, value);
  }

  /** Subtracts a deposit from the current balance; BalanceExceeded when it does not cover it. */
  deductBalance(amount: bigint): void {
    if (amount > this.currentAccountBalance) throw new HostError({ kind: 'BalanceExceeded' });
    this.currentAccountBalance -= amount;
  }

  private logBudget(): bigint {
    return saturatingSubU64(this.config.limitConfig.maxTotalLogLength, this.totalLogLength);
  }

  totalLogLengthExceeded(addLen: bigint): HostError {
    return new HostError({
      kind: 'TotalLogLengthExceeded',
      length: saturatingAddU64(this.totalLogLength, addLen),
      limit: this.config.limitConfig.maxTotalLogLength,
    });
  }

  checkCanAddLogMessage(): void {
    const limit = this.config.limitConfig.maxNumberLogs;
    if (BigInt(this.logs.length) >= limit) throw new HostError({ kind: 'NumberOfLogsExceeded', limit });
  }

  /** Adds a log line, counting its UTF-8 length against `max_total_log_length`. */
  checkedPushLog(message: string): void {
    const len = BigInt(utf8Length(message));
    const total = this.totalLogLength + len;
    if (total > U64_MAX) throw this.totalLogLengthExceeded(len);
    this.totalLogLength = total;
    if (total > this.config.limitConfig.maxTotalLogLength) throw this.totalLogLengthExceeded(len);
    this.logs.push(message);
  }

  /** A UTF-8 string for logs and panics (`len == u64::MAX`: NUL-terminated). */
  readUtf8String(len: bigint, ptr: bigint): string {
    this.gas.payBase('utf8_decoding_base');
    const maxLen = this.logBudget();
    let buf: Uint8Array;
    if (len !== U64_MAX) {
      if (len > maxLen) throw this.totalLogLengthExceeded(len);
      buf = this.memory.read(this.gas, ptr, len);
    } else {
      const bytes: number[] = [];
      for (let i = 0n; i <= maxLen; i++) {
        const p = ptr + i;
        if (p > U64_MAX) throw new HostError({ kind: 'MemoryAccessViolation' });
        const b = this.memory.readU8(this.gas, p);
        if (b === 0) break;
        if (i === maxLen) throw this.totalLogLengthExceeded(maxLen + 1n);
        bytes.push(b);
      }
      buf = Uint8Array.from(bytes);
    }
    this.gas.payPer('utf8_decoding_byte', BigInt(buf.length));
    const s = decodeUtf8(buf);
    if (s === null) throw new HostError({ kind: 'BadUTF8' });
    return s;
  }

  /** A UTF-16LE string for `log_utf16` and `abort` (`len == u64::MAX`: NUL-terminated). */
  readUtf16String(len: bigint, ptr: bigint): string {
    this.gas.payBase('utf16_decoding_base');
    const maxLen = this.logBudget();
    let bytes: Uint8Array;
    let n = len;
    if (len === U64_MAX) {
      n = this.nulTerminatedUtf16Len(ptr, maxLen);
      // The scan already paid for every unit; the final read is free.
      bytes = this.memory.readForFree(ptr, n);
    } else {
      bytes = this.memory.read(this.gas, ptr, len);
    }
    if (bytes.length % 2 !== 0) throw new HostError({ kind: 'BadUTF16' });
    if (n > maxLen) throw this.totalLogLengthExceeded(n);
    this.gas.payPer('utf16_decoding_byte', n);
    const s = decodeUtf16Le(bytes);
    if (s === null) throw new HostError({ kind: 'BadUTF16' });
    return s;
  }

  private nulTerminatedUtf16Len(ptr: bigint, maxLen: bigint): bigint {
    let len = 0n;
    for (;;) {
      const p = ptr + len;
      if (p > U64_MAX) throw new HostError({ kind: 'MemoryAccessViolation' });
      if (this.memory.readU16(this.gas, p) === 0) return len;
      len += 2n;
      if (len > U64_MAX) throw this.totalLogLengthExceeded(U64_MAX);
      if (len > maxLen) throw this.totalLogLengthExceeded(len);
    }
  }

  /** Appends a promise, then fails once the list is longer than the per-call limit. */
  checkedPushPromise(promise: VMPromise): PromiseIndex {
    const index = this.promises.length;
    this.promises.push(promise);
    const limit = this.config.limitConfig.maxPromisesPerFunctionCallAction;
    if (BigInt(this.promises.length) > limit) {
      throw new HostError({ kind: 'NumberPromisesExceeded', number_of_promises: BigInt(this.promises.length), limit });
    }
    return index;
  }

  getPromise(promiseIdx: bigint): VMPromise {
    const p = promiseIdx < BigInt(this.promises.length) ? this.promises[Number(promiseIdx)] : undefined;
    if (p === undefined) throw new HostError({ kind: 'InvalidPromiseIndex', promise_idx: promiseIdx });
    return p;
  }

  /** The receipt behind a non-joint promise, and whether its receiver is the current account. */
  promiseToReceiptWithSir(promiseIdx: bigint): { receiptIndex: ReceiptIndex; sir: boolean } {
    const p = this.getPromise(promiseIdx);
    if (p.kind !== 'Receipt') throw new HostError({ kind: 'CannotAppendActionToJointPromise' });
    const receiver = this.ext.getReceiptReceiver(p.receiptIndex);
    return { receiptIndex: p.receiptIndex, sir: receiver === this.context.currentAccountId };
  }

  /** Checks the recorded storage proof size after a storage operation. */
  observeRecordedStorage(): void {
    const size = this.ext.getRecordedStorageSize();
    if (size < this.initialRecordedStorageSize) throw inconsistentState();
    const limit = this.config.limitConfig.perReceiptStorageProofSizeLimit;
    if (size - this.initialRecordedStorageSize > limit) throw new HostError({ kind: 'RecordedStorageExceeded', limit });
  }

  addStorageUsage(delta: bigint): void {
    const v = this.currentStorageUsage + delta;
    if (v > U64_MAX) throw inconsistentState();
    this.currentStorageUsage = v;
  }

  subStorageUsage(delta: bigint): void {
    if (delta > this.currentStorageUsage) throw inconsistentState();
    this.currentStorageUsage -= delta;
  }
}
