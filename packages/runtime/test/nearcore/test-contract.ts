/**
 * A stand-in for nearcore's `near_test_contracts::rs_contract()` methods the async-call tests use
 * (`call_promise`, `sum_n`, `max_self_recursion_delay`): the same host-function calls in the same order, made from TypeScript
 * through vm-logic (the runtime's `useContractRunner` hook), so the promise graphs, receipts and
 * refunds the runtime builds from them can be checked without a Rust-to-wasm toolchain. Wasm
 * execution gas differs from the real contract (no wasm is run); host-function and action fees
 * are charged as usual. Any other code runs on vm-runner as normal.
 */
import { Guest, withStandIn } from './stand-in-contract.js';

/**
 * The code accounts hold: a valid module exporting the stand-in's methods (their wasm bodies
 * never run); its hash selects the stand-in.
 */
export const RS_CONTRACT_WAT = '(module (func (export "call_promise")) (func (export "sum_n")) (func (export "max_self_recursion_delay")))';

type Json = Record<string, unknown>;
const args = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const base64 = (v: unknown) => new Uint8Array(Buffer.from(v as string, 'base64'));

/** rs_contract `call_promise`: runs a JSON list of promise operations, checking each returned index. */
function callPromise(g: Guest): void {
  const ops = JSON.parse(new TextDecoder().decode(g.input())) as Json[];
  for (const op of ops) {
    const [kind, a] = Object.entries(op).find(([k]) => k !== 'id' && k !== 'return') as [string, Json];
    const idx = () => BigInt(a.promise_index as number);
    const amount = () => g.u128(BigInt(a.amount as string));
    const key = () => g.put(base64(a.public_key));
    let id: bigint;
    switch (kind) {
      case 'create':
        id = g.call('promise_create', ...g.str(a.account_id as string), ...g.str(a.method_name as string), ...g.put(args(a.arguments)), amount(), BigInt(a.gas as number));
        break;
      case 'then':
        id = g.call('promise_then', idx(), ...g.str(a.account_id as string), ...g.str(a.method_name as string), ...g.put(args(a.arguments)), amount(), BigInt(a.gas as number));
        break;
      case 'and': {
        const list = op.and as number[];
        id = BigInt(list[0]);
        for (const other of list.slice(1)) id = g.call('promise_and', id, BigInt(other));
        break;
      }
      case 'batch_create':
        id = g.call('promise_batch_create', ...g.str(a.account_id as string));
        break;
      case 'batch_then':
        id = g.call('promise_batch_then', idx(), ...g.str(a.account_id as string));
        break;
      case 'action_create_account':
        g.call('promise_batch_action_create_account', (id = idx()));
        break;
      case 'action_deploy_contract':
        g.call('promise_batch_action_deploy_contract', (id = idx()), ...g.put(base64(a.code)));
        break;
      case 'action_function_call':
        g.call('promise_batch_action_function_call', (id = idx()), ...g.str(a.method_name as string), ...g.put(args(a.arguments)), amount(), BigInt(a.gas as number));
        break;
      case 'action_transfer':
        g.call('promise_batch_action_transfer', (id = idx()), amount());
        break;
      case 'action_add_key_with_full_access':
        g.call('promise_batch_action_add_key_with_full_access', (id = idx()), ...key(), BigInt(a.nonce as number));
        break;
      case 'action_add_key_with_function_call':
        g.call(
          'promise_batch_action_add_key_with_function_call',
          (id = idx()),
          ...key(),
          BigInt(a.nonce as number),
          g.u128(BigInt(a.allowance as string)),
          ...g.str(a.receiver_id as string),
          ...g.str(a.method_names as string),
        );
        break;
      case 'action_delete_key':
        g.call('promise_batch_action_delete_key', (id = idx()), ...key());
        break;
      case 'action_delete_account':
        g.call('promise_batch_action_delete_account', (id = idx()), ...g.str(a.beneficiary_id as string));
        break;
      case 'set_refund_to':
        g.call('promise_set_refund_to', (id = idx()), ...g.str(a.beneficiary_id as string));
        break;
      case 'action_add_gas_key_with_full_access':
        g.call('promise_batch_action_add_gas_key_with_full_access', (id = idx()), ...key(), BigInt(a.num_nonces as number));
        break;
      case 'action_add_gas_key_with_function_call':
        g.call(
          'promise_batch_action_add_gas_key_with_function_call',
          (id = idx()),
          ...key(),
          BigInt(a.num_nonces as number),
          g.u128(BigInt(a.allowance as string)),
          ...g.str(a.receiver_id as string),
          ...g.str(a.method_names as string),
        );
        break;
      default:
        throw new Error(`call_promise: ${kind} is not modelled`);
    }
    if (id !== BigInt(op.id as number)) throw new Error(`call_promise: promise index ${id}, expected ${String(op.id)}`);
    if (op.return === true) g.call('promise_return', id);
  }
}

/** rs_contract `sum_n`: the sum of 0..n for a u64 LE n, returned as u64 LE. */
function sumN(g: Guest): void {
  const input = g.input();
  if (input.length !== 8) {
    g.call('panic');
    return;
  }
  const n = new DataView(input.buffer, input.byteOffset, 8).getBigUint64(0, true);
  const sum = BigInt.asUintN(64, (n * (n - 1n)) / 2n);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, sum, true);
  g.call('value_return', ...g.put(out));
}

/**
 * rs_contract `max_self_recursion_delay`: with 5 Tgas or more left, calls itself again with
 * 1 yoctoNEAR, no static gas and weight 1 (all the remaining gas), counter + 1; else returns it.
 */
function maxSelfRecursionDelay(g: Guest): void {
  const input = g.input();
  const recursion = new DataView(input.buffer, input.byteOffset, 4).getUint32(0, false);
  const available = g.call('prepaid_gas') - g.call('used_gas');
  if (available < 5_000_000_000_000n) {
    g.call('value_return', ...g.put(input.slice(0, 4)));
    return;
  }
  g.call('current_account_id', 1n);
  const promise = g.call('promise_batch_create', (1n << 64n) - 1n, 1n);
  const next = new Uint8Array(4);
  new DataView(next.buffer).setUint32(0, Math.min(recursion + 1, 0xffffffff), false);
  g.call('promise_batch_action_function_call_weight', promise, ...g.str('max_self_recursion_delay'), ...g.put(next), g.u128(1n), 0n, 1n);
  g.call('promise_return', promise);
}

const METHODS: Record<string, (g: Guest) => void> = { call_promise: callPromise, sum_n: sumN, max_self_recursion_delay: maxSelfRecursionDelay };

/** Runs `f` with the stand-in installed for accounts holding `code` (the module of RS_CONTRACT_WAT). */
export function withTestContract<T>(code: Uint8Array, f: () => T): T {
  return withStandIn(code, METHODS, f);
}
