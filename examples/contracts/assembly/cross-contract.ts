// Cross-contract call with a callback: `relay` asks another contract for a value and
// `on_value` receives the result (or the failure) and records it. Input of `relay`:
// "<account>:<method>:<args>".
import {
  fail, inputString, log, promise_create, promise_result, promise_results_count, promise_then,
  readRegister, returnString, storageWrite, utf8, currentAccount,
} from './env';

const GAS_FOR_CALL: u64 = 20_000_000_000_000;
const GAS_FOR_CALLBACK: u64 = 10_000_000_000_000;

export function relay(): void {
  const parts = inputString().split(':');
  if (parts.length < 2) fail('expected <account>:<method>[:<args>]');
  const account = utf8(parts[0]);
  const method = utf8(parts[1]);
  const args = utf8(parts.length > 2 ? parts[2] : '');
  const zero = new Uint8Array(16);
  const call = promise_create(
    <u64>account.length, <u64>account.dataStart, <u64>method.length, <u64>method.dataStart,
    <u64>args.length, <u64>args.dataStart, <u64>zero.dataStart, GAS_FOR_CALL,
  );
  const self = utf8(currentAccount());
  const callback = utf8('on_value');
  const none = new Uint8Array(0);
  promise_then(
    call, <u64>self.length, <u64>self.dataStart, <u64>callback.length, <u64>callback.dataStart,
    0, <u64>none.dataStart, <u64>zero.dataStart, GAS_FOR_CALLBACK,
  );
  log('relaying to ' + parts[0]);
}

export function on_value(): void {
  if (promise_results_count() != 1) fail('on_value is a callback');
  const status = promise_result(0, 1);
  if (status == 1) {
    const value = String.UTF8.decode(readRegister(1).buffer);
    storageWrite(utf8('last'), utf8('ok:' + value));
    log('callee returned ' + value);
    returnString(value);
  } else {
    storageWrite(utf8('last'), utf8('failed'));
    log('callee failed');
  }
}
