/** Several actions in one transaction, built step by step (near-workspaces' `account.batch(receiver)`). */
import type { AccessKeyPermission, Action, KeyPair, PublicKey } from '@nearts/primitives';
import { toGas, toYocto, type Amount, type GasAmount } from './amounts.js';
import { DEFAULT_CALL_GAS, encodeArgs, type CallArgs } from './args.js';
import { parseKeyText } from './keys.js';
import { resolveKey, type KeyInput } from './patch.js';
import type { TransactionResult } from './transaction-result.js';

export interface BatchSender {
  transact(receiverId: string, actions: Action[]): TransactionResult;
  /** Remembers a key pair introduced by an AddKey of this batch (for the receiver). */
  learnKey(accountId: string, key: KeyInput): void;
}

export class BatchBuilder {
  readonly actions: Action[] = [];
  private readonly learned: KeyInput[] = [];

  constructor(
    private readonly sender: BatchSender,
    readonly receiverId: string,
  ) {}

  createAccount(): this {
    this.actions.push({ type: 'CreateAccount' });
    return this;
  }

  transfer(amount: Amount): this {
    this.actions.push({ type: 'Transfer', deposit: toYocto(amount, 'transfer amount') });
    return this;
  }

  deployContract(code: Uint8Array): this {
    this.actions.push({ type: 'DeployContract', code });
    return this;
  }

  functionCall(methodName: string, args: CallArgs = new Uint8Array(0), options: { gas?: GasAmount; attachedDeposit?: Amount } = {}): this {
    this.actions.push({
      type: 'FunctionCall',
      methodName,
      args: encodeArgs(args),
      gas: toGas(options.gas ?? DEFAULT_CALL_GAS),
      deposit: toYocto(options.attachedDeposit ?? 0n, 'attached deposit'),
    });
    return this;
  }

  /** Adds a key (full access unless a permission is given); a KeyPair or `seed:` text is then held by the sandbox. */
  addKey(key: KeyPair | PublicKey | string, permission?: AccessKeyPermission): this {
    const input: KeyInput = permission ? { publicKey: key, permission } : key;
    const { publicKey, accessKey } = resolveKey(input);
    this.actions.push({ type: 'AddKey', publicKey, accessKey: { nonce: 0n, permission: accessKey.permission } });
    this.learned.push(input);
    return this;
  }

  deleteKey(publicKey: PublicKey | string): this {
    this.actions.push({ type: 'DeleteKey', publicKey: typeof publicKey === 'string' ? parseKeyText(publicKey).publicKey : publicKey });
    return this;
  }

  stake(amount: Amount, publicKey: PublicKey | string): this {
    this.actions.push({
      type: 'Stake',
      stake: toYocto(amount, 'stake'),
      publicKey: typeof publicKey === 'string' ? parseKeyText(publicKey).publicKey : publicKey,
    });
    return this;
  }

  deleteAccount(beneficiaryId: string): this {
    this.actions.push({ type: 'DeleteAccount', beneficiaryId });
    return this;
  }

  /** Signs, sends and runs the transaction to completion. */
  transact(): TransactionResult {
    const result = this.sender.transact(this.receiverId, this.actions);
    if (result.succeeded) for (const k of this.learned) this.sender.learnKey(this.receiverId, k);
    return result;
  }
}
