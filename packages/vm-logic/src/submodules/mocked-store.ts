/**
 * Submodules in memory, for MockedExternal (tests and single-call runs): records and code by key,
 * deployed directly with `deploy`. Checkpoints delegate to the MockedExternal's storage journal,
 * so a failed submodule call's storage writes are undone as the runtime's trie would undo them.
 * Reading a record charges no trie nodes, like the mock's storage.
 */
import { encode, sha256, SubmoduleRecordCodec, type SubmodulePolicy, type SubmoduleRecord } from '@nearts/primitives';
import type { StorageAccessTracker } from '../external.js';
import type { ReceiptIndex } from '../types.js';
import type { SubmoduleExternal, SubmoduleLookup } from './types.js';

/** What MockedSubmodules needs from the storage it journals. */
export interface JournaledStorage {
  beginJournal(): void;
  commitJournal(): void;
  rollbackJournal(): void;
}

export type MockSubmoduleAction =
  | { kind: 'DeploySubmodule'; receiptIndex: ReceiptIndex; key: Uint8Array; code: Uint8Array; policy: SubmodulePolicy }
  | { kind: 'DeleteSubmodule'; receiptIndex: ReceiptIndex; key: Uint8Array };

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export class MockedSubmodules implements SubmoduleExternal {
  private readonly records = new Map<string, { lookup: SubmoduleLookup; code: Uint8Array }>();
  readonly actionLog: MockSubmoduleAction[] = [];
  /** How many times `code` was read (the engine reads it only on a compiled-cache miss). */
  codeReads = 0;

  constructor(private readonly storage: JournaledStorage) {}

  /** Stores a submodule as a DeploySubmodule action would. */
  deploy(key: Uint8Array, code: Uint8Array, policy: SubmodulePolicy): SubmoduleRecord {
    const record: SubmoduleRecord = { codeHash: sha256(code), codeLength: BigInt(code.length), policy };
    const byteLength = encode(SubmoduleRecordCodec, record).length;
    this.records.set(hex(key), { lookup: { record, byteLength }, code: code.slice() });
    return record;
  }

  remove(key: Uint8Array): boolean {
    return this.records.delete(hex(key));
  }

  record(_tracker: StorageAccessTracker, key: Uint8Array): SubmoduleLookup | null {
    return this.records.get(hex(key))?.lookup ?? null;
  }

  code(key: Uint8Array): Uint8Array | null {
    const e = this.records.get(hex(key));
    if (e === undefined) return null;
    this.codeReads++;
    return e.code;
  }

  checkpoint(): void {
    this.storage.beginJournal();
  }

  commit(): void {
    this.storage.commitJournal();
  }

  rollback(): void {
    this.storage.rollbackJournal();
  }

  appendActionDeploySubmodule(receiptIndex: ReceiptIndex, key: Uint8Array, code: Uint8Array, policy: SubmodulePolicy): void {
    this.actionLog.push({ kind: 'DeploySubmodule', receiptIndex, key, code, policy });
  }

  appendActionDeleteSubmodule(receiptIndex: ReceiptIndex, key: Uint8Array): void {
    this.actionLog.push({ kind: 'DeleteSubmodule', receiptIndex, key });
  }
}
