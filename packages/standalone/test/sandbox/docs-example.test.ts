import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox, type SandboxAccount, type SandboxSnapshot } from '../../src/index.js';
import { contractPath } from './helpers.js';

describe('a counter and a cross-contract relay', () => {
  let snapshot: SandboxSnapshot;

  // Set the world up once; every test starts from a copy of it (a fork costs well under a millisecond).
  beforeAll(() => {
    const sandbox = Sandbox.create(); // protocol 86; root account test.near
    const alice = sandbox.root.createSubAccount('alice', { initialBalance: '10 NEAR' });
    const counter = sandbox.root.createSubAccount('counter');
    counter.deploy(readFileSync(contractPath('counter')));
    const relay = sandbox.root.devDeploy(contractPath('cross-contract')); // dev-1.test.near
    alice.call(counter, 'increment');
    expect(relay.accountId).toBe('dev-1.test.near');
    snapshot = sandbox.snapshot();
  });

  let sandbox: Sandbox;
  let alice: SandboxAccount;
  beforeEach(() => {
    sandbox = Sandbox.fromSnapshot(snapshot);
    alice = sandbox.account('alice.test.near');
  });

  it('calls and views', () => {
    alice.call('counter.test.near', 'increment', undefined, { gas: '10 Tgas' });
    expect(sandbox.view('counter.test.near', 'get_num')).toBe(2);
  });

  it('sees a contract failure as data, every receipt included', () => {
    alice.call('counter.test.near', 'reset');
    const result = alice.callRaw('dev-1.test.near', 'relay', 'counter.test.near:decrement', { gas: '100 Tgas' });
    expect(result.succeeded).toBe(true); // the relay and its callback succeed...
    const [failed] = result.failures; // ...the call on the counter does not
    expect(failed.executorId).toBe('counter.test.near');
    expect(result.logs).toEqual(['relaying to counter.test.near', 'callee failed']);
    expect(sandbox.viewState('dev-1.test.near').get('last')).toBe('failed');
  });

  it('patches state and moves time', () => {
    sandbox.account('counter.test.near').patchState('c', new Uint8Array([41, 0, 0, 0, 0, 0, 0, 0]));
    expect(sandbox.view('counter.test.near', 'get_num')).toBe(41);
    sandbox.fastForward(1000);
    sandbox.setTimestamp(new Date('2030-01-01T00:00:00Z'));
    expect(sandbox.timestamp).toBe(1_893_456_000_000_000_000n);
    alice.patch({ balance: '1000 NEAR' });
    expect(alice.balance().total).toBe(1000n * 10n ** 24n);
  });
});
