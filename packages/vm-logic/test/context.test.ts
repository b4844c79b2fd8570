import { describe, expect, it } from 'vitest';
import { C, MW, RW, expectHostError, setup } from './helpers.js';

function regText(h: ReturnType<typeof setup>, id: bigint): string {
  return new TextDecoder().decode(h.logic.registers.peek(id));
}

describe('context host functions', () => {
  it('account ids go to the register with B + RW(len)', () => {
    const h = setup();
    h.call('current_account_id', 0n);
    h.call('signer_account_id', 1n);
    h.call('predecessor_account_id', 2n);
    h.call('refund_to_account_id', 3n);
    expect([0n, 1n, 2n, 3n].map((r) => regText(h, r))).toEqual(['alice', 'bob', 'carol', 'david']);
    expect(h.burnt()).toBe(4n * C.base + RW(5n) + RW(3n) + RW(5n) + RW(5n));
  });

  it('signer_account_pk writes the borsh key bytes from the context', () => {
    const h = setup();
    h.call('signer_account_pk', 0n);
    expect(h.logic.registers.peek(0n)).toEqual(new Uint8Array([0, 1, 2]));
    expect(h.burnt()).toBe(C.base + RW(3n));
  });

  it('input is charged write_register_base only (no per-byte fee)', () => {
    const h = setup({ context: { input: new Uint8Array(1000) } });
    h.call('input', 0n);
    expect(h.burnt()).toBe(C.base + C.write_register_base);
    expect(h.logic.registers.peek(0n)?.length).toBe(1000);
  });

  it('block_index, block_timestamp, epoch_height, storage_usage cost B each', () => {
    const h = setup();
    expect(h.call('block_index')).toBe(10n);
    expect(h.call('block_timestamp')).toBe(42n);
    expect(h.call('epoch_height')).toBe(1n);
    expect(h.call('storage_usage')).toBe(12n);
    expect(h.burnt()).toBe(4n * C.base);
  });

  it('chain_id comes from the External ("test" for the mock), random_seed from the context', () => {
    const h = setup();
    h.call('chain_id', 0n);
    h.call('random_seed', 1n);
    expect(regText(h, 0n)).toBe('test');
    expect(h.logic.registers.peek(1n)).toEqual(new Uint8Array([0, 1, 2]));
    expect(h.burnt()).toBe(2n * C.base + RW(4n) + RW(3n));
  });

  it('current_contract_code: 0 without touching the register, else kind + id', () => {
    const none = setup();
    expect(none.call('current_contract_code', 0n)).toBe(0n);
    expect(none.logic.registers.peek(0n)).toBeUndefined();
    expect(none.burnt()).toBe(C.base);
    const hash = new Uint8Array(32).fill(7);
    expect(setup({ context: { accountContract: { kind: 'Local', codeHash: hash } } }).call('current_contract_code', 0n)).toBe(1n);
    expect(setup({ context: { accountContract: { kind: 'Global', codeHash: hash } } }).call('current_contract_code', 0n)).toBe(2n);
    const byAcc = setup({ context: { accountContract: { kind: 'GlobalByAccount', accountId: 'lib.near' } } });
    expect(byAcc.call('current_contract_code', 9n)).toBe(3n);
    expect(regText(byAcc, 9n)).toBe('lib.near');
    expect(byAcc.burnt()).toBe(C.base + RW(8n));
  });
});

describe('economics host functions', () => {
  it('account_balance is balance + attached deposit as u128 LE: B + MW(16)', () => {
    const h = setup({ context: { accountBalance: 2n ** 100n, attachedDeposit: 5n } });
    h.call('account_balance', 32n);
    const v = h.mem.bytes.slice(32, 48);
    let x = 0n;
    for (let i = 15; i >= 0; i--) x = (x << 8n) | BigInt(v[i]);
    expect(x).toBe(2n ** 100n + 5n);
    expect(h.burnt()).toBe(C.base + MW(16n));
  });

  it('locked balance and attached deposit', () => {
    const h = setup({ context: { accountLockedBalance: 258n, attachedDeposit: 3n } });
    h.call('account_locked_balance', 0n);
    h.call('attached_deposit', 16n);
    expect([...h.mem.bytes.slice(0, 3)]).toEqual([2, 1, 0]);
    expect(h.mem.bytes[16]).toBe(3);
    expect(h.burnt()).toBe(2n * (C.base + MW(16n)));
  });

  it('prepaid_gas and used_gas (used includes the base of this very call)', () => {
    const h = setup();
    expect(h.call('prepaid_gas')).toBe(100_000_000_000_000n);
    expect(h.call('used_gas')).toBe(2n * C.base);
  });

  it('a u128 write out of bounds is charged first', () => {
    const h = setup();
    expectHostError(() => h.call('account_balance', 65_530n), { kind: 'MemoryAccessViolation' });
    expect(h.burnt()).toBe(C.base + MW(16n));
  });
});

describe('validators', () => {
  it('validator_stake: B + ACC + validator_stake_base + MW(16); 0 for a non-validator', () => {
    const h = setup();
    const n = h.put(0, 'carol');
    h.call('validator_stake', n, 0n, 100n);
    expect(h.mem.bytes.slice(100, 116).every((b) => b === 0)).toBe(true);
    expect(h.burnt()).toBe(
      C.base + C.read_memory_base + 5n * C.read_memory_byte + C.utf8_decoding_base + 5n * C.utf8_decoding_byte +
        C.validator_stake_base + MW(16n),
    );
  });

  it('validator stakes and total stake from the External', () => {
    const h = setup();
    h.ext.validators.set('carol', 500n);
    h.ext.validators.set('dave', 7n);
    h.call('validator_stake', h.put(0, 'carol'), 0n, 100n);
    h.call('validator_total_stake', 200n);
    expect(h.mem.bytes[100] + h.mem.bytes[101] * 256).toBe(500);
    expect(h.mem.bytes[200]).toBe(7 + 500 - 256);
    expect(h.mem.bytes[201]).toBe(1);
  });

  it('an invalid account id is InvalidAccountId after the utf8 fees', () => {
    const h = setup();
    const n = h.put(0, 'Not Valid');
    expectHostError(() => h.call('validator_stake', n, 0n, 100n), { kind: 'InvalidAccountId' });
    expect(h.burnt()).toBe(C.base + C.read_memory_base + 9n * C.read_memory_byte + C.utf8_decoding_base + 9n * C.utf8_decoding_byte);
  });
});
