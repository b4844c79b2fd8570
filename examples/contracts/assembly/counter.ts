// A counter: the smallest stateful contract. The u64 counter lives under the key "c".
import { fail, log, returnString, storageRead, storageWrite, utf8 } from './env';

const KEY = utf8('c');

function loadCounter(): u64 {
  const raw = storageRead(KEY);
  if (raw == null) return 0;
  return load<u64>(raw.dataStart);
}

function save(value: u64): void {
  const buf = new Uint8Array(8);
  store<u64>(buf.dataStart, value);
  storageWrite(KEY, buf);
}

export function increment(): void {
  const next = loadCounter() + 1;
  save(next);
  log('counter is now ' + next.toString());
}

export function decrement(): void {
  const current = loadCounter();
  if (current == 0) fail('counter is already zero');
  save(current - 1);
}

export function reset(): void {
  save(0);
}

export function get_num(): void {
  returnString(loadCounter().toString());
}
