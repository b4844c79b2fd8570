/** nearcore runtime/near-vm-runner/src/logic/tests/yield_resume.rs, translated. */
import { describe, expect, it } from 'vitest';
import { VMLogicBuilder, hostErrorOf, le128, makeFree, type TestVMLogic } from './logic-builder.js';

function yieldCreateWithId(t: TestVMLogic, method: string, yieldId: Uint8Array, amount: bigint): bigint {
  const m = t.memWrite(method);
  const args = t.memWrite('args');
  const id = t.memWrite(yieldId);
  const a = t.memWrite(le128(amount));
  return t.call('promise_yield_create_with_id', m.len, m.ptr, args.len, args.ptr, a.ptr, 0n, 1n, id.len, id.ptr) as bigint;
}

/** Like nearcore's test: the amount is written before the yield id. */
function yieldCreateWithIdAmountLast(t: TestVMLogic, method: string, yieldId: Uint8Array): unknown {
  const m = t.memWrite(method);
  const args = t.memWrite('args');
  const id = t.memWrite(yieldId);
  const a = t.memWrite(new Uint8Array(16));
  return t.call('promise_yield_create_with_id', m.len, m.ptr, args.len, args.ptr, a.ptr, 0n, 1n, id.len, id.ptr);
}

const ids = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);

describe('nearcore logic tests: yield_resume', () => {
  it('promise_yield_create with an empty method name is EmptyMethodName', () => {
    const t = VMLogicBuilder.free().build();
    const m = t.memWrite('');
    const args = t.memWrite('args');
    expect(hostErrorOf(() => t.call('promise_yield_create', m.len, m.ptr, args.len, args.ptr, 0n, 1n, 0n))).toEqual({ kind: 'EmptyMethodName' });
  });

  it('promise_yield_resume with a 16-byte data id is DataIdMalformed', () => {
    const t = VMLogicBuilder.free().build();
    const id = t.memWrite(new Uint8Array(16));
    const payload = t.memWrite('payload');
    expect(hostErrorOf(() => t.call('promise_yield_resume', id.len, id.ptr, payload.len, payload.ptr))).toEqual({ kind: 'DataIdMalformed' });
  });

  it('promise_yield_create_with_id with a 16-byte yield id is YieldIdMalformed', () => {
    const t = VMLogicBuilder.free().build();
    expect(hostErrorOf(() => yieldCreateWithIdAmountLast(t, 'callback', new Uint8Array(16)))).toEqual({ kind: 'YieldIdMalformed' });
  });

  it('promise_yield_create_with_id with an empty method name is EmptyMethodName', () => {
    const t = VMLogicBuilder.free().build();
    expect(hostErrorOf(() => yieldCreateWithIdAmountLast(t, '', ids(1)))).toEqual({ kind: 'EmptyMethodName' });
  });

  it('promise_yield_create_with_id is prohibited in views', () => {
    const b = VMLogicBuilder.view();
    makeFree(b.config);
    const t = b.build();
    expect(hostErrorOf(() => yieldCreateWithIdAmountLast(t, 'callback', ids(1))).kind).toBe('ProhibitedInView');
  });

  it('promise_yield_resume_with_yield_id with a 16-byte yield id is YieldIdMalformed', () => {
    const t = VMLogicBuilder.free().build();
    const id = t.memWrite(new Uint8Array(16));
    const payload = t.memWrite('payload');
    expect(hostErrorOf(() => t.call('promise_yield_resume_with_yield_id', id.len, id.ptr, payload.len, payload.ptr))).toEqual({ kind: 'YieldIdMalformed' });
  });

  it('promise_yield_resume_with_yield_id is prohibited in views', () => {
    const b = VMLogicBuilder.view();
    makeFree(b.config);
    const t = b.build();
    const id = t.memWrite(ids(1));
    const payload = t.memWrite('payload');
    expect(hostErrorOf(() => t.call('promise_yield_resume_with_yield_id', id.len, id.ptr, payload.len, payload.ptr)).kind).toBe('ProhibitedInView');
  });

  describe('balance attached to promise_yield_create_with_id', () => {
    it('is deducted from the balance', () => {
      const b = VMLogicBuilder.free();
      b.context.accountBalance = 100n;
      b.context.attachedDeposit = 0n;
      const t = b.build();
      yieldCreateWithId(t, 'callback', ids(1), 25n);
      expect(t.logic.currentAccountBalance).toBe(75n);
      expect(t.logic.subsidizedAmount).toBe(0n);
    });

    it('more than the balance is BalanceExceeded and leaves the balance alone', () => {
      const b = VMLogicBuilder.free();
      b.context.accountBalance = 10n;
      b.context.attachedDeposit = 0n;
      const t = b.build();
      expect(hostErrorOf(() => yieldCreateWithId(t, 'callback', ids(1), 100n))).toEqual({ kind: 'BalanceExceeded' });
      expect(t.logic.currentAccountBalance).toBe(10n);
    });

    it('zero on a zero balance works', () => {
      const b = VMLogicBuilder.free();
      b.context.accountBalance = 0n;
      b.context.attachedDeposit = 0n;
      const t = b.build();
      yieldCreateWithId(t, 'callback', ids(1), 0n);
      expect(t.logic.subsidizedAmount).toBe(0n);
    });

    it('one_yocto_on_promise: 1 yocto on a zero balance is subsidized, 2 is not', () => {
      const b = VMLogicBuilder.free();
      b.config.oneYoctoOnPromise = true;
      b.context.accountBalance = 0n;
      b.context.attachedDeposit = 0n;
      const t = b.build();
      yieldCreateWithId(t, 'callback', ids(1), 1n);
      expect(t.logic.currentAccountBalance).toBe(0n);
      expect(t.logic.subsidizedAmount).toBe(1n);
      expect(hostErrorOf(() => yieldCreateWithId(t, 'callback', ids(2), 2n))).toEqual({ kind: 'BalanceExceeded' });
    });

    it('one_yocto_on_promise off: 1 yocto on a zero balance is BalanceExceeded', () => {
      const b = VMLogicBuilder.free();
      b.config.oneYoctoOnPromise = false;
      b.context.accountBalance = 0n;
      b.context.attachedDeposit = 0n;
      const t = b.build();
      expect(hostErrorOf(() => yieldCreateWithId(t, 'callback', ids(1), 1n))).toEqual({ kind: 'BalanceExceeded' });
    });

    it('one_yocto_on_promise with a balance of 1: deducted, not subsidized', () => {
      const b = VMLogicBuilder.free();
      b.config.oneYoctoOnPromise = true;
      b.context.accountBalance = 1n;
      b.context.attachedDeposit = 0n;
      const t = b.build();
      yieldCreateWithId(t, 'callback', ids(1), 1n);
      expect(t.logic.currentAccountBalance).toBe(0n);
      expect(t.logic.subsidizedAmount).toBe(0n);
    });
  });
});
