/**
 * The submodules extension's state access for one function call (`External.submodules`):
 * records and code of the current account's submodules in the two submodule trie columns,
 * nested checkpoints around each submodule call, and the receipt actions deploying / deleting
 * submodules (through the call's receipt manager).
 *
 * A record read is charged like a flat-storage `storage_read` of its value (only the value is
 * touched); the code is read only on a compiled-cache miss and is never charged here: its cost is
 * the contract-loading fee on the code length the record states, so gas never depends on the
 * cache.
 */
import {
  decode,
  submoduleTrieKeys,
  SubmoduleRecordCodec,
  type AccountId,
  type SubmodulePolicy,
  type SubmoduleRecord,
} from '@nearts/primitives';
import type { ReceiptManager, ReceiptIndex, StorageAccessTracker, SubmoduleExternal, SubmoduleLookup } from '@nearts/vm-logic';
import { StorageInconsistentError } from '../errors.js';
import type { StateUpdate } from '../state/state-update.js';
import type { TrieAccounting } from './trie-accounting.js';

export class RuntimeSubmodules implements SubmoduleExternal {
  constructor(
    private readonly state: StateUpdate,
    private readonly accountId: AccountId,
    private readonly accounting: TrieAccounting,
    private readonly receipts: ReceiptManager,
  ) {}

  record(tracker: StorageAccessTracker, key: Uint8Array): SubmoduleLookup | null {
    const trieKey = submoduleTrieKeys.record(this.accountId, key);
    const raw = this.state.get(trieKey);
    if (raw === undefined) return null;
    if (!this.state.writtenInChunk(trieKey)) {
      const since = this.accounting.snapshot();
      this.accounting.derefValue(raw);
      this.accounting.commitSince(since, tracker);
    }
    let record: SubmoduleRecord;
    try {
      record = decode(SubmoduleRecordCodec, raw);
    } catch (e) {
      throw new StorageInconsistentError(`submodule record in state does not decode: ${(e as Error).message}`);
    }
    return { record, byteLength: raw.length };
  }

  code(key: Uint8Array): Uint8Array | null {
    return this.state.get(submoduleTrieKeys.code(this.accountId, key)) ?? null;
  }

  checkpoint(): void {
    this.state.checkpointNested();
  }

  commit(): void {
    this.state.commitNested();
  }

  rollback(): void {
    this.state.rollbackNested();
  }

  appendActionDeploySubmodule(receiptIndex: ReceiptIndex, key: Uint8Array, code: Uint8Array, policy: SubmodulePolicy): void {
    this.receipts.appendActionDeploySubmodule(receiptIndex, key.slice(), code.slice(), policy);
  }

  appendActionDeleteSubmodule(receiptIndex: ReceiptIndex, key: Uint8Array): void {
    this.receipts.appendActionDeleteSubmodule(receiptIndex, key.slice());
  }
}
