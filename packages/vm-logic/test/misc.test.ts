import { describe, expect, it } from 'vitest';
import { C, F, MR, RR, U64_MAX, expectHostError, setup, utf16le } from './helpers.js';

const utf8Read = (n: bigint): bigint => C.utf8_decoding_base + MR(n) + n * C.utf8_decoding_byte;
const logFee = (n: bigint): bigint => C.log_base + n * C.log_byte;

describe('log_utf8', () => {
  it('B + utf8 read + log_base + n·log_byte', () => {
    const h = setup();
    h.call('log_utf8', h.put(0, 'hello'), 0n);
    expect(h.logic.logs).toEqual(['hello']);
    expect(h.burnt()).toBe(C.base + utf8Read(5n) + logFee(5n));
  });

  it('NUL-terminated: each byte (the NUL included) costs read_memory_base + read_memory_byte', () => {
    const h = setup();
    h.put(0, 'hi\0');
    h.call('log_utf8', U64_MAX, 0n);
    expect(h.logic.logs).toEqual(['hi']);
    expect(h.burnt()).toBe(C.base + C.utf8_decoding_base + 3n * MR(1n) + 2n * C.utf8_decoding_byte + logFee(2n));
  });

  it('multi-byte characters are charged on their UTF-8 bytes', () => {
    const h = setup();
    h.call('log_utf8', h.put(0, 'é€'), 0n);
    expect(h.burnt()).toBe(C.base + utf8Read(5n) + logFee(5n));
  });

  it('bad UTF-8 fails after the decoding fees', () => {
    const h = setup();
    h.put(0, new Uint8Array([0x61, 0xff]));
    expectHostError(() => h.call('log_utf8', 2n, 0n), { kind: 'BadUTF8' });
    expect(h.burnt()).toBe(C.base + utf8Read(2n));
    expect(h.logic.logs).toEqual([]);
  });

  it('a leading byte-order mark is kept (Rust keeps it)', () => {
    const h = setup();
    h.call('log_utf8', h.put(0, '\u{feff}x'), 0n);
    expect(h.logic.logs).toEqual(['\u{feff}x']);
  });

  it('at most max_number_logs lines: the next fails after B only', () => {
    const h = setup();
    h.put(0, 'x');
    for (let i = 0; i < 100; i++) h.call('log_utf8', 1n, 0n);
    const before = h.burnt();
    expectHostError(() => h.call('log_utf8', 1n, 0n), { kind: 'NumberOfLogsExceeded', limit: 100n });
    expect(h.burnt() - before).toBe(C.base);
  });

  it('a length over the remaining budget fails before the memory is read', () => {
    const h = setup();
    expectHostError(() => h.call('log_utf8', 16_385n, 0n), { kind: 'TotalLogLengthExceeded', length: 16_385n, limit: 16_384n });
    expect(h.burnt()).toBe(C.base + C.utf8_decoding_base);
  });

  it('NUL-terminated without a NUL within budget: budget + 1 bytes are read, then the error', () => {
    const h = setup({ limits: { maxTotalLogLength: 8n } });
    h.call('log_utf8', h.put(0, 'abc'), 0n); // 3 of 8 used
    h.put(100, 'zzzzzzzzzz');
    const before = h.burnt();
    expectHostError(() => h.call('log_utf8', U64_MAX, 100n), { kind: 'TotalLogLengthExceeded', length: 3n + 6n, limit: 8n });
    expect(h.burnt() - before).toBe(C.base + C.utf8_decoding_base + 6n * MR(1n));
  });

  it('the running total is checked when the line is pushed', () => {
    const h = setup({ limits: { maxTotalLogLength: 8n } });
    h.call('log_utf8', h.put(0, 'abcde'), 0n);
    expectHostError(() => h.call('log_utf8', 4n, 0n), { kind: 'TotalLogLengthExceeded', length: 9n, limit: 8n });
  });
});

describe('log_utf16', () => {
  it('charges utf16 decoding on the UTF-16 bytes and log_byte on the UTF-8 length', () => {
    const h = setup();
    h.call('log_utf16', h.put(0, utf16le('hé')), 0n);
    expect(h.logic.logs).toEqual(['hé']);
    expect(h.burnt()).toBe(C.base + C.utf16_decoding_base + MR(4n) + 4n * C.utf16_decoding_byte + logFee(3n));
  });

  it('NUL-terminated: MR(2) per unit including the terminator; the final read is free', () => {
    const h = setup();
    h.put(0, utf16le('ab\0'));
    h.call('log_utf16', U64_MAX, 0n);
    expect(h.logic.logs).toEqual(['ab']);
    expect(h.burnt()).toBe(C.base + C.utf16_decoding_base + 3n * MR(2n) + 4n * C.utf16_decoding_byte + logFee(2n));
  });

  it('odd length is BadUTF16 after the memory read', () => {
    const h = setup();
    expectHostError(() => h.call('log_utf16', 3n, 0n), { kind: 'BadUTF16' });
    expect(h.burnt()).toBe(C.base + C.utf16_decoding_base + MR(3n));
  });

  it('an unpaired surrogate is BadUTF16 after the per-byte fee', () => {
    const h = setup();
    h.put(0, new Uint8Array([0x00, 0xd8, 0x41, 0x00]));
    expectHostError(() => h.call('log_utf16', 4n, 0n), { kind: 'BadUTF16' });
    expect(h.burnt()).toBe(C.base + C.utf16_decoding_base + MR(4n) + 4n * C.utf16_decoding_byte);
  });

  it('a surrogate pair decodes to one character (4 UTF-8 bytes)', () => {
    const h = setup();
    h.call('log_utf16', h.put(0, utf16le('😀')), 0n);
    expect(h.logic.logs).toEqual(['😀']);
    expect(h.burnt()).toBe(C.base + C.utf16_decoding_base + MR(4n) + 4n * C.utf16_decoding_byte + logFee(4n));
  });

  it('a length over the budget is charged for its read first', () => {
    const h = setup({ limits: { maxTotalLogLength: 4n } });
    expectHostError(() => h.call('log_utf16', 6n, 0n), { kind: 'TotalLogLengthExceeded', length: 6n, limit: 4n });
    expect(h.burnt()).toBe(C.base + C.utf16_decoding_base + MR(6n));
  });
});

/** Puts an AssemblyScript string (u32 byte length at ptr − 4, UTF-16LE at ptr); returns ptr. */
function asString(h: ReturnType<typeof setup>, at: number, s: string): number {
  const body = utf16le(s);
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, body.length, true);
  h.put(at, len);
  h.put(at + 4, body);
  return at + 4;
}

describe('abort (AssemblyScript)', () => {
  it('logs "ABORT: …", fails with GuestPanic{message without the prefix}, exact gas', () => {
    const h = setup();
    const msg = asString(h, 100, 'hi');
    const file = asString(h, 200, 'a.ts');
    const message = 'hi, filename: "a.ts" line: 3 col: 7';
    expectHostError(() => h.call('abort', msg, file, 3, 7), { kind: 'GuestPanic', panic_msg: message });
    expect(h.logic.logs).toEqual([`ABORT: ${message}`]);
    expect(h.logic.totalLogLength).toBe(BigInt(message.length + 7));
    expect(h.burnt()).toBe(
      C.base + MR(4n) + MR(4n) +
        (C.utf16_decoding_base + MR(4n) + 4n * C.utf16_decoding_byte) +
        (C.utf16_decoding_base + MR(8n) + 8n * C.utf16_decoding_byte) +
        logFee(BigInt(message.length)),
    );
  });

  it('pointers below 4 are BadUTF16 after B', () => {
    const h = setup();
    expectHostError(() => h.call('abort', 3, 100, 0, 0), { kind: 'BadUTF16' });
    expect(h.burnt()).toBe(C.base);
  });

  it('a u32 pointer above 2^31 arrives as a negative i32 and is read as unsigned', () => {
    const h = setup();
    expectHostError(() => h.call('abort', -4, 100, 0, 0), { kind: 'MemoryAccessViolation' });
    expect(h.burnt()).toBe(C.base + MR(4n));
  });
});

describe('value_return, panic, panic_utf8, gas', () => {
  it('value_return: B + GMR(n), an action fee of 0 without data receivers', () => {
    const h = setup();
    h.call('value_return', h.put(0, 'value'), 0n);
    expect(h.burnt()).toBe(C.base + MR(5n));
    expect(h.logic.okOutcome().returnData).toEqual({ kind: 'Value', value: new TextEncoder().encode('value') });
  });

  it('value_return pays new_data_receipt_byte per byte for each data receiver (burnt = used)', () => {
    const h = setup({ context: { outputDataReceivers: ['alice', 'bob'] } });
    h.call('write_register', 0n, h.put(0, 'value'), 0n);
    const before = h.burnt();
    h.call('value_return', U64_MAX, 0n);
    const [sir, notSir, exec] = F.new_data_receipt_byte;
    const fee = 5n * (sir + exec) + 5n * (notSir + exec);
    expect(h.burnt() - before).toBe(C.base + RR(5n) + fee);
    expect(h.used()).toBe(h.burnt());
    expect(h.logic.gas.profileData().getActionCost('new_data_receipt_byte')).toBe(fee);
  });

  it('ReturnedValueLengthExceeded after the read', () => {
    const h = setup({ limits: { maxLengthReturnedData: 3n } });
    expectHostError(() => h.call('value_return', 5n, 0n), { kind: 'ReturnedValueLengthExceeded', length: 5n, limit: 3n });
    expect(h.burnt()).toBe(C.base + MR(5n));
  });

  it('panic and panic_utf8', () => {
    const h = setup();
    expectHostError(() => h.call('panic'), { kind: 'GuestPanic', panic_msg: 'explicit guest panic' });
    expect(h.burnt()).toBe(C.base);
    const h2 = setup();
    expectHostError(() => h2.call('panic_utf8', h2.put(0, 'oops'), 0n), { kind: 'GuestPanic', panic_msg: 'oops' });
    expect(h2.burnt()).toBe(C.base + utf8Read(4n));
  });

  it('the legacy gas import burns opcodes·regular_op_cost without base', () => {
    const h = setup();
    h.call('gas', 3);
    expect(h.burnt()).toBe(3n * C.regular_op_cost);
    expect(h.logic.gas.profileData().hostGas()).toBe(0n);
  });
});
