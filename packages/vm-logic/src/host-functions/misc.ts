/** Miscellaneous API: return values, panics, logs, AssemblyScript's abort, the legacy `gas` import. */
import { tracer } from '@nearts/primitives';
import { HostError } from '@nearts/vm-errors';
import { ZERO_COST, costAdd, costMul, execFee, fee, sendFee } from '../fees.js';
import { utf8Length } from '../internal/text.js';
import type { VMLogic } from '../logic.js';

/**
 * B, GMR(n), [returned-data limit], then for each output data receiver
 * (new_data_receipt_byte.send(sir) + .exec)·n, burnt and used alike (profiled as new_data_receipt_byte).
 */
export function valueReturn(logic: VMLogic, valueLen: bigint, valuePtr: bigint): void {
  logic.payBase();
  const value = logic.memoryOrRegister(valuePtr, valueLen);
  const n = BigInt(value.length);
  const limit = logic.config.limitConfig.maxLengthReturnedData;
  if (n > limit) throw new HostError({ kind: 'ReturnedValueLengthExceeded', length: n, limit });
  const byteFee = fee(logic.fees, 'new_data_receipt_byte');
  let burn = ZERO_COST;
  for (const receiver of logic.context.outputDataReceivers) {
    const sir = receiver === logic.context.currentAccountId;
    burn = costAdd(burn, costMul(costAdd(sendFee(byteFee, sir), execFee(byteFee)), n));
  }
  logic.gas.payActionAccumulated(burn, burn.gas, 'new_data_receipt_byte');
  logic.returnData = { kind: 'Value', value: value.slice() };
}

/** B, then GuestPanic "explicit guest panic". */
export function panic(logic: VMLogic): void {
  logic.payBase();
  throw new HostError({ kind: 'GuestPanic', panic_msg: 'explicit guest panic' });
}

/** B, UTF-8 string read (capped by the remaining log budget, no log-count check), then GuestPanic. */
export function panicUtf8(logic: VMLogic, len: bigint, ptr: bigint): void {
  logic.payBase();
  throw new HostError({ kind: 'GuestPanic', panic_msg: logic.readUtf8String(len, ptr) });
}

/** B, [log count], UTF-8 read, log_base, log_byte·len, push. */
export function logUtf8(logic: VMLogic, len: bigint, ptr: bigint): void {
  logic.payBase();
  logic.checkCanAddLogMessage();
  const message = logic.readUtf8String(len, ptr);
  logic.gas.payBase('log_base');
  logic.gas.payPer('log_byte', BigInt(utf8Length(message)));
  logic.checkedPushLog(message);
}

/** B, [log count], UTF-16 read, log_base, log_byte·(UTF-8 length of the decoded text), push. */
export function logUtf16(logic: VMLogic, len: bigint, ptr: bigint): void {
  logic.payBase();
  logic.checkCanAddLogMessage();
  const message = logic.readUtf16String(len, ptr);
  logic.gas.payBase('log_base');
  logic.gas.payPer('log_byte', BigInt(utf8Length(message)));
  logic.checkedPushLog(message);
}

/**
 * AssemblyScript's `abort(msg, filename, line, col)`. The strings are AS strings: UTF-16LE with
 * their byte length stored as a u32 just before the pointer. Logs `ABORT: {message}` and always
 * fails with GuestPanic{message} (the message without the prefix; log_byte is charged on it too).
 */
export function abort(logic: VMLogic, msgPtr: number, filenamePtr: number, line: number, col: number): void {
  logic.payBase();
  if (msgPtr < 4 || filenamePtr < 4) throw new HostError({ kind: 'BadUTF16' });
  logic.checkCanAddLogMessage();
  const msgLen = logic.memory.readU32(logic.gas, BigInt(msgPtr - 4));
  const filenameLen = logic.memory.readU32(logic.gas, BigInt(filenamePtr - 4));
  const msg = logic.readUtf16String(BigInt(msgLen), BigInt(msgPtr));
  const filename = logic.readUtf16String(BigInt(filenameLen), BigInt(filenamePtr));
  const message = `${msg}, filename: "${filename}" line: ${line} col: ${col}`;
  logic.gas.payBase('log_base');
  logic.gas.payPer('log_byte', BigInt(utf8Length(message)));
  logic.checkedPushLog(`ABORT: ${message}`);
  throw new HostError({ kind: 'GuestPanic', panic_msg: message });
}

/** Legacy gas intrinsic: burns opcodes·regular_op_cost, no `base`. */
export function gas(logic: VMLogic, opcodes: number): void {
  logic.gas.burnGas(BigInt(opcodes) * logic.config.regularOpCost);
}

const sandboxTrace = tracer('nearts:vm-logic:sandbox');

/**
 * `sandbox_debug_log(len, ptr)`: only with nearcore's `sandbox` feature. Free (no gas), reads
 * guest memory directly (out of bounds → MemoryAccessViolation) and prints the message, lossily
 * decoded as UTF-8, to the debug trace; it is not a contract log.
 */
export function sandboxDebugLog(logic: VMLogic, len: bigint, ptr: bigint): void {
  const message = logic.memory.readForFree(ptr, len);
  if (sandboxTrace.enabled) sandboxTrace(new TextDecoder().decode(message));
}
