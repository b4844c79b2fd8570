/** nearcore runtime/near-vm-runner/src/logic/tests/view_method.rs, translated. */
import { describe, expect, it } from 'vitest';
import { VMLogicBuilder, hostErrorOf } from './logic-builder.js';

/** promise_create / promise_then are promise_batch_create / _then + a function call in nearcore. */
const REPORTED_AS: Record<string, string> = { promise_create: 'promise_batch_create', promise_then: 'promise_batch_then' };

const PROHIBITED: [string, number][] = [
  ['signer_account_id', 1],
  ['signer_account_pk', 1],
  ['predecessor_account_id', 1],
  ['prepaid_gas', 0],
  ['used_gas', 0],
  ['promise_create', 8],
  ['promise_then', 9],
  ['promise_and', 2],
  ['promise_batch_create', 2],
  ['promise_batch_then', 3],
  ['promise_batch_action_create_account', 1],
  ['promise_batch_action_deploy_contract', 3],
  ['promise_batch_action_deploy_global_contract', 3],
  ['promise_batch_action_deploy_global_contract_by_account_id', 3],
  ['promise_batch_action_use_global_contract', 3],
  ['promise_batch_action_use_global_contract_by_account_id', 3],
  ['promise_batch_action_function_call', 7],
  ['promise_batch_action_transfer', 2],
  ['promise_batch_action_stake', 4],
  ['promise_batch_action_add_key_with_full_access', 4],
  ['promise_batch_action_add_key_with_function_call', 9],
  ['promise_batch_action_delete_key', 3],
  ['promise_batch_action_delete_account', 3],
  ['promise_results_count', 0],
  ['promise_result', 2],
  ['promise_return', 1],
  ['storage_write', 5],
  ['storage_remove', 3],
];

describe('nearcore logic tests: view_method', () => {
  it.each(PROHIBITED)('%s fails in a view call', (name, arity) => {
    const t = VMLogicBuilder.view().build();
    // nearcore only asserts an error; with all-zero arguments it is ProhibitedInView.
    expect(hostErrorOf(() => t.call(name, ...new Array<bigint>(arity).fill(0n)))).toEqual({ kind: 'ProhibitedInView', method_name: REPORTED_AS[name] ?? name });
  });

  it('block_index works in a view call', () => {
    const b = VMLogicBuilder.view();
    const t = b.build();
    expect(t.call('block_index')).toBe(b.context.blockHeight);
  });
});
