/** nearcore runtime/near-vm-runner/src/logic/tests/context.rs, translated. */
import { describe, expect, it } from 'vitest';
import { VMLogicBuilder, testVmConfig, utf8 } from './logic-builder.js';

const U128_MAX = (1n << 128n) - 1n;

function leU128(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = 15; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return v;
}

describe('nearcore logic tests: context', () => {
  const ctx = VMLogicBuilder.default().context;
  const bytesCases: [string, Uint8Array][] = [
    ['current_account_id', utf8(ctx.currentAccountId)],
    ['signer_account_id', utf8(ctx.signerAccountId)],
    ['predecessor_account_id', utf8(ctx.predecessorAccountId)],
    ['signer_account_pk', ctx.signerAccountPk],
    ['refund_to_account_id', utf8(ctx.refundToAccountId)],
    ['random_seed', ctx.randomSeed],
    ['input', ctx.input],
  ];
  it.each(bytesCases)('%s writes the context value to a register', (name, want) => {
    const t = VMLogicBuilder.default().build();
    t.call(name, 0n);
    t.assertReadRegister(want, 0n);
  });

  const u64Cases: [string, bigint][] = [
    ['block_index', ctx.blockHeight],
    ['block_timestamp', ctx.blockTimestamp],
    ['storage_usage', ctx.storageUsage],
    ['prepaid_gas', ctx.prepaidGas],
  ];
  it.each(u64Cases)('%s returns the context value', (name, want) => {
    const t = VMLogicBuilder.default().build();
    expect(t.call(name)).toBe(want);
  });

  const u128Cases: [string, bigint][] = [
    ['account_balance', ctx.accountBalance + ctx.attachedDeposit],
    ['account_locked_balance', ctx.accountLockedBalance],
    ['attached_deposit', ctx.attachedDeposit],
  ];
  it.each(u128Cases)('%s writes the u128 to memory', (name, want) => {
    const t = VMLogicBuilder.default().build();
    t.call(name, 0n);
    expect(leU128(t.memRead(0n, 16n))).toBe(want);
  });

  it.each([0n, 1n, U128_MAX])('attached_deposit %s in a view call with zero balance', (amount) => {
    const b = VMLogicBuilder.default();
    b.context.viewConfig = { maxGasBurnt: testVmConfig().limitConfig.maxGasBurnt };
    b.context.accountBalance = 0n;
    b.context.attachedDeposit = amount;
    const t = b.build();
    t.call('attached_deposit', 0n);
    expect(leU128(t.memRead(0n, 16n))).toBe(amount);
  });

  it('chain_id: the external chain id, base + register write', () => {
    const b = VMLogicBuilder.default();
    const want = b.ext.chainId();
    const t = b.build();
    t.call('chain_id', 0n);
    t.assertCosts({ base: 1, write_register_base: 1, write_register_byte: utf8(want).length });
    t.assertReadRegister(want, 0n);
  });

  it('input pays no per-byte register fee', () => {
    const b = VMLogicBuilder.default();
    b.context.input = new Uint8Array(100);
    const t = b.build();
    t.call('input', 0n);
    t.assertCosts({ base: 1, write_register_base: 1 });
  });
});
