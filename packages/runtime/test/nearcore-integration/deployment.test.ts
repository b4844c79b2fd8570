/**
 * nearcore integration-tests/src/tests/runtime/deployment.rs (f0c7706), translated: the largest
 * contract a transaction can carry (the smaller of `max_contract_size` and `max_transaction_size`
 * less the rest of the transaction, counted in full from PostQuantumSignatures, protocol 85)
 * deploys within `max_gas_burnt`, on `RuntimeNode` with `Genesis::test([alice], 1)`.
 */
import { SignedTransactionCodec, encode } from '@nearts/primitives';
import { prepareContract } from '@nearts/vm-runner';
import { describe, expect, it } from 'vitest';
import { ALICE, TEST_CONTRACT, gasBurnt, runtimeNode, signerOf, successValue, wat2wasm } from './runtime-node.js';

/** `near_test_contracts::sized_contract(size)`: a module of exactly `size` bytes, mostly a data segment. */
async function sizedContract(size: number): Promise<Uint8Array> {
  const wat = (payload: number) => `(module (memory 1) (func (export "main")) (data (i32.const 0) "${'x'.repeat(payload)}"))`;
  const base = (await wat2wasm(wat(size))).length;
  const code = await wat2wasm(wat(size - (base - size)));
  expect(code.length).toBe(size);
  return code;
}

describe('deployment (deployment.rs)', () => {
  it('test_deploy_max_size_contract', { timeout: 60_000 }, async () => {
    const node = await runtimeNode({ accounts: [ALICE], seats: 1, withContract: [] });
    const limits = node.config.wasmConfig.limitConfig;
    const probe = node.makeTx(TEST_CONTRACT, TEST_CONTRACT, [{ type: 'DeployContract', code: Uint8Array.of(0) }], signerOf(ALICE), 1n);
    const txOverhead = BigInt(encode(SignedTransactionCodec, probe).length);
    const maxContractSize = BigInt(limits.maxContractSize);
    const maxTransactionSize = BigInt(limits.maxTransactionSize);
    const contractSize = maxContractSize < maxTransactionSize - txOverhead ? maxContractSize : maxTransactionSize - txOverhead;
    const tokens = node.config.storageAmountPerByte * contractSize + 10n ** 24n;

    const created = node.createAccount(ALICE, TEST_CONTRACT, signerOf(ALICE).publicKey, tokens);
    expect(created.status).toEqual(successValue());
    expect(created.receiptsOutcome.length).toBe(2);

    const code = await sizedContract(Number(contractSize));
    prepareContract(code, node.config.wasmConfig);
    const deployed = node.deployContract(TEST_CONTRACT, code, signerOf(ALICE));
    expect(deployed.status).toEqual(successValue());
    expect(deployed.receiptsOutcome.length).toBe(2);
    const total = gasBurnt(deployed.transactionOutcome) + gasBurnt(deployed.receiptsOutcome[0]);
    expect(total <= BigInt(limits.maxGasBurnt)).toBe(true);

    // The overhead counted one byte of code, so the transaction above is one byte under the
    // limit; two more bytes of code and it is over by one.
    if (contractSize < maxContractSize) {
      const bigger = node.commit(node.makeTx(TEST_CONTRACT, TEST_CONTRACT, [{ type: 'DeployContract', code: new Uint8Array(Number(contractSize) + 2) }], signerOf(ALICE)));
      expect(bigger).toEqual({ rejected: { TransactionSizeExceeded: { size: Number(maxTransactionSize) + 1, limit: Number(maxTransactionSize) } } });
    }
  });
});
