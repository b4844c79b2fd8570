/**
 * A stand-in for the rs_contract methods nearcore's test_yield_resume.rs calls
 * (`call_yield_create_return_data_id`, `call_yield_resume`, `call_yield_create_and_resume`, the
 * two `check_promise_result_*` callbacks, `read_value`, and `call_promise` with the operations
 * those tests use): the same host calls in the same order, made from TypeScript through vm-logic
 * (the runtime's `useContractRunner` hook). No wasm runs, so no wasm gas is burnt; host-function
 * and action fees are charged as usual. Accounts whose code has another hash run on vm-runner.
 */
import { Guest, withStandIn } from '../nearcore/stand-in-contract.js';

/** The code an account holds to select the stand-in: a valid module exporting its methods. */
export const YIELD_CONTRACT_WAT = `(module ${[
  'call_yield_create_return_data_id',
  'call_yield_resume',
  'call_yield_create_and_resume',
  'check_promise_result_return_value',
  'check_promise_result_write_status',
  'read_value',
  'call_promise',
]
  .map((m) => `(func (export "${m}"))`)
  .join(' ')})`;

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const fromBase64 = (s: unknown) => new Uint8Array(Buffer.from(s as string, 'base64'));

function yieldCreate(g: Guest, method: string): bigint {
  const payload = g.input();
  return g.call('promise_yield_create', ...g.str(method), ...g.put(payload), 0n, 1n, 0n);
}

/** `check_promise_result_*`: the input is the payload expected; returns its length or writes a status. */
function checkPromiseResult(g: Guest): { status: 'Resumed ' | 'Timeout '; payloadLength: number } {
  const expected = g.input();
  g.assert(g.call('promise_results_count') === 1n);
  const status = g.call('promise_result', 0n, 0n);
  if (status === 1n) {
    const payload = g.register(0n);
    g.assert(equal(expected, payload));
    return { status: 'Resumed ', payloadLength: payload.length };
  }
  g.assert(status === 2n && expected.length === 0);
  return { status: 'Timeout ', payloadLength: 0 };
}

const METHODS: Record<string, (g: Guest) => void> = {
  call_yield_create_return_data_id(g) {
    yieldCreate(g, 'check_promise_result_write_status');
    g.call('value_return', ...g.put(g.register(0n)));
  },
  call_yield_resume(g) {
    const data = g.input();
    const [idLen, idPtr] = g.put(data.slice(data.length - 32));
    const success = g.call('promise_yield_resume', idLen, idPtr, ...g.put(data.slice(0, data.length - 32)));
    g.call('value_return', ...g.put(Uint8Array.of(Number(success))));
  },
  call_yield_create_and_resume(g) {
    const payload = g.input();
    const index = g.call('promise_yield_create', ...g.str('check_promise_result_return_value'), ...g.put(payload), 0n, 1n, 0n);
    const success = g.call('promise_yield_resume', ...g.put(g.register(0n)), ...g.put(payload));
    g.assert(success === 1n);
    g.call('promise_return', index);
  },
  check_promise_result_return_value(g) {
    // The payload length as one byte (`payload.len() as u8`).
    g.call('value_return', ...g.put(Uint8Array.of(checkPromiseResult(g).payloadLength & 0xff)));
  },
  check_promise_result_write_status(g) {
    const { status } = checkPromiseResult(g);
    const key = new Uint8Array(8);
    key[0] = 123;
    g.call('storage_write', ...g.put(key), ...g.str(status), 0n);
  },
  read_value(g) {
    const key = g.input();
    if (key.length !== 8) g.call('panic');
    if (g.call('storage_read', ...g.put(key), 1n) === 1n) g.call('value_return', ...g.put(g.register(1n)));
  },
  call_promise(g) {
    const ops = JSON.parse(new TextDecoder().decode(g.input())) as Array<Record<string, unknown>>;
    for (const op of ops) {
      let id: bigint;
      if ('yield_create_with_id' in op) {
        const a = op.yield_create_with_id as Record<string, unknown>;
        const amount = g.u128(BigInt((a.amount as string | undefined) ?? '0'));
        id = g.call(
          'promise_yield_create_with_id',
          ...g.str(a.method_name as string),
          ...g.put(fromBase64(a.arguments)),
          amount,
          BigInt(a.gas as number),
          BigInt(a.gas_weight as number),
          ...g.put(fromBase64(a.yield_id)),
        );
      } else if ('yield_resume_with_yield_id' in op) {
        const a = op.yield_resume_with_yield_id as Record<string, unknown>;
        id = g.call('promise_yield_resume_with_yield_id', ...g.put(fromBase64(a.yield_id)), ...g.put(fromBase64(a.payload)));
      } else if ('batch_create' in op) {
        id = g.call('promise_batch_create', ...g.str((op.batch_create as { account_id: string }).account_id));
      } else if ('action_transfer' in op) {
        const a = op.action_transfer as { promise_index: number; amount: string };
        g.call('promise_batch_action_transfer', (id = BigInt(a.promise_index)), g.u128(BigInt(a.amount)));
      } else {
        throw new Error(`call_promise: ${Object.keys(op).join()} is not modelled`);
      }
      g.assert(id === BigInt.asUintN(64, BigInt(op.id as number)));
      if (op.return === true) g.call('promise_return', id);
    }
  },
};

/** Runs `f` with the stand-in installed for accounts whose code is `code`. */
export async function withYieldContract<T>(code: Uint8Array, f: () => Promise<T> | T): Promise<T> {
  return await withStandIn(code, METHODS, f);
}
