/** A contract's storage as read at one moment (near-workspaces' `ContractState`). */
import { toHex } from '@nearts/primitives';
import { parseReturnValue } from './transaction-result.js';

const utf8 = (s: Uint8Array | string): Uint8Array => (typeof s === 'string' ? new TextEncoder().encode(s) : s);

export class ContractState {
  private readonly byKey: Map<string, Uint8Array>;

  constructor(readonly entries: ReadonlyArray<readonly [key: Uint8Array, value: Uint8Array]>) {
    this.byKey = new Map(entries.map(([k, v]) => [toHex(k), v]));
  }

  get size(): number {
    return this.entries.length;
  }

  has(key: Uint8Array | string): boolean {
    return this.byKey.has(toHex(utf8(key)));
  }

  /** The raw value under a key (text keys are UTF-8). */
  getRaw(key: Uint8Array | string): Uint8Array | undefined {
    return this.byKey.get(toHex(utf8(key)));
  }

  /** The value parsed: JSON, else UTF-8 text, else the bytes. */
  get<T = unknown>(key: Uint8Array | string): T | undefined {
    const v = this.getRaw(key);
    return v === undefined ? undefined : (parseReturnValue(v) as T);
  }

  /** Entries with UTF-8 keys and values (non-UTF-8 bytes as `base64:…`). */
  toObject(): Record<string, string> {
    const text = (b: Uint8Array): string => {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(b);
      } catch {
        return `base64:${Buffer.from(b).toString('base64')}`;
      }
    };
    return Object.fromEntries(this.entries.map(([k, v]) => [text(k), text(v)]));
  }
}
