/** Calls contract methods one after another against one MockedExternal, like a tiny chain. */
import { readFileSync } from 'node:fs';
import { runtimeConfig } from '@nearts/runtime-fees';
import { FREE_STORAGE_TRACKER, MockedExternal, testContext, type PromiseResult, type VMContext, type VMOutcome } from '@nearts/vm-logic';
import { runContract } from '../../src/index.js';

const root = new URL('../../../../', import.meta.url);

export function npmContract(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`fixtures/contracts/npm/${file}`, root)));
}

export function builtContract(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`fixtures/contracts/built/${name}.wasm`, root)));
}

export interface CallOptions {
  predecessor?: string;
  deposit?: bigint;
  prepaidGas?: bigint;
  view?: boolean;
  promiseResults?: PromiseResult[];
}

/**
 * Keeps the contract's committed storage between calls; each call gets a fresh MockedExternal
 * seeded from it, and only a successful call's writes are kept (as the runtime's per-receipt
 * checkpoint does).
 */
export class ContractHarness {
  external = new MockedExternal();
  private committed: { key: Uint8Array; value: Uint8Array }[] = [];
  storageUsage = 100n;
  balance = 10n ** 25n;
  readonly config = runtimeConfig(86);

  constructor(
    readonly code: Uint8Array,
    readonly account = 'contract.near',
  ) {}

  call(method: string, args: string | Uint8Array = '', options: CallOptions = {}): VMOutcome & { text: string | null } {
    const context: VMContext = testContext({
      currentAccountId: this.account,
      signerAccountId: options.predecessor ?? 'alice.near',
      predecessorAccountId: options.predecessor ?? 'alice.near',
      refundToAccountId: options.predecessor ?? 'alice.near',
      input: typeof args === 'string' ? new TextEncoder().encode(args) : args,
      accountBalance: this.balance,
      storageUsage: this.storageUsage,
      attachedDeposit: options.deposit ?? 0n,
      prepaidGas: options.prepaidGas ?? 300n * 10n ** 12n,
      promiseResults: options.promiseResults ?? [],
      viewConfig: options.view ? { maxGasBurnt: 300n * 10n ** 12n } : null,
      signerAccountPk: new Uint8Array(33),
      randomSeed: new Uint8Array(32),
    });
    this.external = new MockedExternal();
    for (const { key, value } of this.committed) this.external.storageSet(FREE_STORAGE_TRACKER, key, value);
    const outcome = runContract({ code: this.code, method, context, config: this.config, external: this.external });
    if (outcome.aborted === null && !options.view) {
      this.committed = this.external.storageEntries();
      this.storageUsage = outcome.storageUsage;
      this.balance = outcome.balance;
    }
    const text = outcome.returnData.kind === 'Value' ? new TextDecoder().decode(outcome.returnData.value) : null;
    return { ...outcome, text };
  }
}
