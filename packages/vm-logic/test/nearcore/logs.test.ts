/** nearcore runtime/near-vm-runner/src/logic/tests/logs.rs, translated. */
import { describe, expect, it } from 'vitest';
import { U64_MAX, VMLogicBuilder, hostErrorOf, utf8, type MemSlice, type TestVMLogic } from './logic-builder.js';

const STRING = "j ñ r'ø qò$`5 y'5 øò{%÷ `Võ%";
const utf8Len = (s: string): bigint => BigInt(utf8(s).length);

function utf16(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    out.push(u & 0xff, u >> 8);
  }
  return out;
}

describe('nearcore logic tests: logs', () => {
  it('valid UTF-8 is logged', () => {
    const t = VMLogicBuilder.default().build();
    const bytes = t.memWrite(STRING);
    t.call('log_utf8', bytes.len, bytes.ptr);
    expect(t.computeOutcome().logs[0]).toBe(STRING);
    t.assertCosts({
      base: 1,
      log_base: 1,
      log_byte: bytes.len,
      read_memory_base: 1,
      read_memory_byte: bytes.len,
      utf8_decoding_base: 1,
      utf8_decoding_byte: bytes.len,
    });
  });

  it('invalid UTF-8 is BadUTF8 after the decoding fee', () => {
    const t = VMLogicBuilder.default().build();
    const bytes = t.memWrite(new Uint8Array([0x80]));
    expect(hostErrorOf(() => t.call('log_utf8', bytes.len, bytes.ptr))).toEqual({ kind: 'BadUTF8' });
    expect(t.computeOutcome().logs).toHaveLength(0);
    t.assertCosts({ base: 1, read_memory_base: 1, read_memory_byte: bytes.len, utf8_decoding_base: 1, utf8_decoding_byte: bytes.len });
  });

  it('NUL-terminated UTF-8: one memory read per byte, the NUL included', () => {
    const b = VMLogicBuilder.default();
    const cstring = `${STRING}\0`;
    b.config.limitConfig.maxTotalLogLength = utf8Len(STRING);
    const t = b.build();
    const bytes = t.memWrite(cstring);
    t.call('log_utf8', U64_MAX, bytes.ptr);
    const outcome = t.computeOutcome();
    t.assertCosts({
      base: 1,
      log_base: 1,
      log_byte: utf8Len(STRING),
      read_memory_base: bytes.len,
      read_memory_byte: bytes.len,
      utf8_decoding_base: 1,
      utf8_decoding_byte: utf8Len(STRING),
    });
    expect(outcome.logs[0]).toBe(STRING);
  });

  it('a message longer than max_total_log_length fails before reading memory', () => {
    const b = VMLogicBuilder.default();
    const limit = utf8Len(STRING) - 1n;
    b.config.limitConfig.maxTotalLogLength = limit;
    const t = b.build();
    const bytes = t.memWrite(STRING);
    expect(hostErrorOf(() => t.call('log_utf8', bytes.len, bytes.ptr))).toEqual({ kind: 'TotalLogLengthExceeded', length: bytes.len, limit });
    t.assertCosts({ base: 1, utf8_decoding_base: 1 });
    expect(t.computeOutcome().logs).toHaveLength(0);
  });

  it('the total length limit counts every log', () => {
    const b = VMLogicBuilder.default();
    const numLogs = 10n;
    const limit = utf8Len(STRING) * numLogs - 1n;
    b.config.limitConfig.maxTotalLogLength = limit;
    b.config.limitConfig.maxNumberLogs = numLogs;
    const t = b.build();
    const bytes = t.memWrite(STRING);
    for (let i = 0n; i < numLogs - 1n; i++) t.call('log_utf8', bytes.len, bytes.ptr);
    expect(hostErrorOf(() => t.call('log_utf8', bytes.len, bytes.ptr))).toEqual({ kind: 'TotalLogLengthExceeded', length: limit + 1n, limit });
    expect(BigInt(t.computeOutcome().logs.length)).toBe(numLogs - 1n);
  });

  it('max_number_logs: the next log fails after base only', () => {
    const b = VMLogicBuilder.default();
    const s = 'blabla';
    const max = 3n;
    b.config.limitConfig.maxTotalLogLength = BigInt(s.length + 1) * (max + 1n);
    b.config.limitConfig.maxNumberLogs = max;
    const t = b.build();
    const bytes = t.memWrite(s);
    for (let i = 0n; i < max; i++) t.call('log_utf8', bytes.len, bytes.ptr);
    expect(hostErrorOf(() => t.call('log_utf8', bytes.len, bytes.ptr))).toEqual({ kind: 'NumberOfLogsExceeded', limit: max });
    t.assertCosts({
      base: max + 1n,
      log_base: max,
      log_byte: bytes.len * max,
      read_memory_base: max,
      read_memory_byte: bytes.len * max,
      utf8_decoding_base: max,
      utf8_decoding_byte: bytes.len * max,
    });
    expect(BigInt(t.computeOutcome().logs.length)).toBe(max);
  });

  it('max_number_logs applies to log_utf16 too', () => {
    const s = '$ qò$`';
    const raw = new Uint8Array(utf16(s));
    const b = VMLogicBuilder.default();
    const max = 3n;
    b.config.limitConfig.maxTotalLogLength = BigInt(raw.length + 1) * (max + 1n);
    b.config.limitConfig.maxNumberLogs = max;
    const t = b.build();
    const bytes = t.memWrite(raw);
    for (let i = 0n; i < max; i++) t.call('log_utf16', bytes.len, bytes.ptr);
    expect(hostErrorOf(() => t.call('log_utf16', bytes.len, bytes.ptr))).toEqual({ kind: 'NumberOfLogsExceeded', limit: max });
    t.assertCosts({
      base: max + 1n,
      log_base: max,
      log_byte: utf8Len(s) * max,
      read_memory_base: max,
      read_memory_byte: bytes.len * max,
      utf16_decoding_base: max,
      utf16_decoding_byte: bytes.len * max,
    });
    expect(BigInt(t.computeOutcome().logs.length)).toBe(max);
  });

  it('the total length counts UTF-8 bytes of UTF-16 logs too', () => {
    const b = VMLogicBuilder.default();
    const s = 'abc';
    const each = 10n;
    const limit = BigInt(s.length) * (each * 2n + 1n) - 1n;
    b.config.limitConfig.maxTotalLogLength = limit;
    b.config.limitConfig.maxNumberLogs = each * 2n + 1n;
    const t = b.build();
    const u8 = t.memWrite(s);
    const u16 = t.memWrite(new Uint8Array(utf16(s)));
    for (let i = 0n; i < each; i++) {
      t.call('log_utf16', u16.len, u16.ptr);
      t.call('log_utf8', u8.len, u8.ptr);
    }
    expect(hostErrorOf(() => t.call('log_utf8', u8.len, u8.ptr))).toEqual({ kind: 'TotalLogLengthExceeded', length: limit + 1n, limit });
    expect(BigInt(t.computeOutcome().logs.length)).toBe(each * 2n);
  });

  it('NUL-terminated UTF-8 longer than the limit stops at limit + 1 bytes', () => {
    const b = VMLogicBuilder.default();
    const raw = utf8(`${STRING}\0`);
    const limit = BigInt(raw.length - 2);
    b.config.limitConfig.maxTotalLogLength = limit;
    const t = b.build();
    const bytes = t.memWrite(raw);
    expect(hostErrorOf(() => t.call('log_utf8', U64_MAX, bytes.ptr))).toEqual({ kind: 'TotalLogLengthExceeded', length: limit + 1n, limit });
    t.assertCosts({ base: 1, read_memory_base: bytes.len - 1n, read_memory_byte: bytes.len - 1n, utf8_decoding_base: 1 });
    expect(t.computeOutcome().logs).toHaveLength(0);
  });

  it('valid UTF-16 is logged; log_byte counts UTF-8 bytes', () => {
    const t = VMLogicBuilder.default().build();
    const s = '$ qò$`';
    const bytes = t.memWrite(new Uint8Array(utf16(s)));
    t.call('log_utf16', bytes.len, bytes.ptr);
    t.assertCosts({
      base: 1,
      read_memory_base: 1,
      read_memory_byte: bytes.len,
      utf16_decoding_base: 1,
      utf16_decoding_byte: bytes.len,
      log_base: 1,
      log_byte: utf8Len(s),
    });
    expect(t.computeOutcome().logs[0]).toBe(s);
  });

  it('NUL-terminated UTF-16 against an odd max_total_log_length', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxTotalLogLength = 5n;
    const t = b.build();
    const ab = t.memWrite(new Uint8Array([...utf16('ab'), ...utf16('\0')]));
    t.call('log_utf16', U64_MAX, ab.ptr);
    t.assertCosts({
      base: 1,
      read_memory_base: ab.len / 2n,
      read_memory_byte: ab.len,
      utf16_decoding_base: 1,
      utf16_decoding_byte: ab.len - 2n,
      log_base: 1,
      log_byte: 2,
    });
    const abc = t.memWrite(new Uint8Array([...utf16('abc'), ...utf16('\0')]));
    expect(hostErrorOf(() => t.call('log_utf16', U64_MAX, abc.ptr))).toEqual({ kind: 'TotalLogLengthExceeded', length: 6n, limit: 5n });
    t.assertCosts({ base: 1, read_memory_base: 2, read_memory_byte: 4, utf16_decoding_base: 1 });
  });

  it('NUL-terminated UTF-8 over a limit of 3 reads 4 bytes', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxTotalLogLength = 3n;
    const t = b.build();
    const bytes = t.memWrite('abcdefgh\0');
    expect(hostErrorOf(() => t.call('log_utf8', U64_MAX, bytes.ptr))).toEqual({ kind: 'TotalLogLengthExceeded', length: 4n, limit: 3n });
    t.assertCosts({ base: 1, read_memory_base: 4, read_memory_byte: 4, utf8_decoding_base: 1 });
  });

  it('valid NUL-terminated UTF-16 is logged', () => {
    const t = VMLogicBuilder.default().build();
    const s = '$ qò$`';
    const bytes = t.memWrite(new Uint8Array([...utf16(s), 0, 0]));
    t.call('log_utf16', U64_MAX, bytes.ptr);
    expect(t.computeOutcome().logs[0]).toBe(s);
    t.assertCosts({
      base: 1,
      read_memory_base: bytes.len / 2n,
      read_memory_byte: bytes.len,
      utf16_decoding_base: 1,
      utf16_decoding_byte: bytes.len - 2n,
      log_base: 1,
      log_byte: utf8Len(s),
    });
  });

  it('invalid UTF-16 (unpaired surrogate) is BadUTF16 after the decoding fee', () => {
    const t = VMLogicBuilder.default().build();
    const units = [0xd834, 0xdd1e, 0x006d, 0x0075, 0xd800, 0x0069, 0x0063];
    const bytes = t.memWrite(new Uint8Array(units.flatMap((u) => [u & 0xff, u >> 8])));
    expect(hostErrorOf(() => t.call('log_utf16', bytes.len, bytes.ptr))).toEqual({ kind: 'BadUTF16' });
    t.assertCosts({ base: 1, read_memory_base: 1, read_memory_byte: bytes.len, utf16_decoding_base: 1, utf16_decoding_byte: bytes.len });
  });

  it('NUL-terminated UTF-16 with an unpaired surrogate is BadUTF16', () => {
    const t = VMLogicBuilder.default().build();
    const bytes = t.memWrite(new Uint8Array([...utf16('$ qò$`'), 0x00, 0xd8, ...utf16('foobarbaz\0')]));
    expect(hostErrorOf(() => t.call('log_utf16', U64_MAX, bytes.ptr))).toEqual({ kind: 'BadUTF16' });
    t.assertCosts({
      base: 1,
      read_memory_base: bytes.len / 2n,
      read_memory_byte: bytes.len,
      utf16_decoding_base: 1,
      utf16_decoding_byte: bytes.len - 2n,
    });
  });

  describe('UTF-8 at the end of memory', () => {
    function check(readOk: boolean, test: (t: TestVMLogic, s: MemSlice) => unknown): TestVMLogic {
      const t = VMLogicBuilder.default().build();
      const raw = new Uint8Array([...utf8('foo bar '), 0xff, ...utf8(' baz qux')]);
      const slice = t.memWriteAt(BigInt(64 * 1024 - raw.length), raw);
      expect(hostErrorOf(() => test(t, slice))).toEqual({ kind: readOk ? 'BadUTF8' : 'MemoryAccessViolation' });
      return t;
    }

    it('read in bounds, bad UTF-8: decoding charged', () => {
      const t = check(true, (t, s) => t.call('log_utf8', s.len, s.ptr));
      t.assertCosts({ base: 1, read_memory_base: 1, read_memory_byte: 17, utf8_decoding_base: 1, utf8_decoding_byte: 17 });
    });

    it('read past the end: MemoryAccessViolation, no per-byte decoding fee', () => {
      const t = check(false, (t, s) => t.call('log_utf8', s.len + 1n, s.ptr));
      t.assertCosts({ base: 1, read_memory_base: 1, read_memory_byte: 18, utf8_decoding_base: 1 });
    });

    it('NUL search past the end: MemoryAccessViolation', () => {
      const t = check(false, (t, s) => t.call('log_utf8', U64_MAX, s.ptr));
      t.assertCosts({ base: 1, read_memory_base: 18, read_memory_byte: 18, utf8_decoding_base: 1 });
    });
  });

  describe('UTF-16 at the end of memory', () => {
    function check(readOk: boolean, test: (t: TestVMLogic, s: MemSlice) => unknown): TestVMLogic {
      const t = VMLogicBuilder.default().build();
      const raw = new Uint8Array([...utf16('$ qò$`'), 0x00, 0xd8, ...utf16('foobarbaz')]);
      const slice = t.memWriteAt(BigInt(64 * 1024 - raw.length), raw);
      expect(hostErrorOf(() => test(t, slice))).toEqual({ kind: readOk ? 'BadUTF16' : 'MemoryAccessViolation' });
      return t;
    }

    it('read in bounds, bad UTF-16: decoding charged', () => {
      const t = check(true, (t, s) => t.call('log_utf16', s.len, s.ptr));
      t.assertCosts({ base: 1, read_memory_base: 1, read_memory_byte: 32, utf16_decoding_base: 1, utf16_decoding_byte: 32 });
    });

    it('read past the end: MemoryAccessViolation', () => {
      const t = check(false, (t, s) => t.call('log_utf16', s.len + 2n, s.ptr));
      t.assertCosts({ base: 1, read_memory_base: 1, read_memory_byte: 34, utf16_decoding_base: 1 });
    });

    it('NUL search past the end: MemoryAccessViolation', () => {
      const t = check(false, (t, s) => t.call('log_utf16', U64_MAX, s.ptr));
      t.assertCosts({ base: 1, read_memory_base: 17, read_memory_byte: 34, utf16_decoding_base: 1 });
    });
  });
});
