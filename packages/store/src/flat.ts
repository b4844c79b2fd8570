/**
 * The lmdb backend's flat key → value table (nearcore calls this flat storage): reads never walk
 * the trie.
 *
 * lmdb keys are limited to 1978 bytes but NEAR keys can be longer (contract data keys up to 2048
 * bytes behind an account id). Keys shorter than BUCKET_PREFIX are stored as they are; longer keys
 * share one record per BUCKET_PREFIX-byte prefix holding all of them sorted. Since direct keys are
 * strictly shorter than bucket keys, sorting records by lmdb key and expanding buckets in place
 * still yields every key in byte order.
 *
 * Stored value = tag byte (0 plain, 1 bucket) + payload.
 */
import type { Database, Transaction } from 'lmdb';
import { StoreError } from './errors.js';
import { bytesToKeyString, compareBytes, startsWith } from './bytes.js';
import type { Entry } from './state.js';

export const BUCKET_PREFIX = 1900;
const PLAIN = 0;
const BUCKET = 1;

export type FlatDb = Database<Uint8Array, Uint8Array>;

function view(b: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset + start, end - start);
}

function decodeBucket(record: Uint8Array): Entry[] {
  const out: Entry[] = [];
  let at = 1;
  const u32 = (): number => {
    if (at + 4 > record.length) throw new StoreError('Corrupted', 'truncated long-key bucket');
    const v = (record[at]! | (record[at + 1]! << 8) | (record[at + 2]! << 16)) + record[at + 3]! * 0x100_0000;
    at += 4;
    return v;
  };
  while (at < record.length) {
    const kl = u32();
    const key = view(record, at, at + kl);
    at += kl;
    const vl = u32();
    const value = view(record, at, at + vl);
    at += vl;
    if (at > record.length) throw new StoreError('Corrupted', 'truncated long-key bucket');
    out.push([key, value]);
  }
  return out;
}

function encodeBucket(entries: Entry[]): Uint8Array {
  let size = 1;
  for (const [k, v] of entries) size += 8 + k.length + v.length;
  const out = new Uint8Array(size);
  out[0] = BUCKET;
  let at = 1;
  const u32 = (v: number): void => {
    out[at] = v & 0xff;
    out[at + 1] = (v >>> 8) & 0xff;
    out[at + 2] = (v >>> 16) & 0xff;
    out[at + 3] = (v >>> 24) & 0xff;
    at += 4;
  };
  for (const [k, v] of entries) {
    u32(k.length);
    out.set(k, at);
    at += k.length;
    u32(v.length);
    out.set(v, at);
    at += v.length;
  }
  return out;
}

function read(db: FlatDb, key: Uint8Array, transaction: Transaction | undefined): Uint8Array | undefined {
  const r = transaction === undefined ? db.getBinary(key) : (db.get(key, { transaction }) as Uint8Array | undefined);
  return r ?? undefined;
}

export function flatGet(db: FlatDb, key: Uint8Array, transaction?: Transaction): Uint8Array | undefined {
  if (key.length < BUCKET_PREFIX) {
    const r = read(db, key, transaction);
    if (r === undefined) return undefined;
    if (r[0] !== PLAIN) throw new StoreError('Corrupted', 'flat record with a bad tag');
    return view(r, 1, r.length);
  }
  const r = read(db, key.subarray(0, BUCKET_PREFIX), transaction);
  if (r === undefined) return undefined;
  for (const [k, v] of decodeBucket(r)) if (compareBytes(k, key) === 0) return v;
  return undefined;
}

/** lmdb put option for a key above every stored key (MDB_APPEND: no B-tree search; fails otherwise). */
export const APPEND = { append: true } as const;

/**
 * Writes or (value === null) deletes one key. Must run inside a write transaction. `append`: the
 * key is above every key stored so far (keys written in increasing order into an empty table),
 * so lmdb can append it without a search; lmdb fails the write if it is not.
 */
export function flatWrite(db: FlatDb, key: Uint8Array, value: Uint8Array | null, append = false): void {
  if (key.length < BUCKET_PREFIX) {
    if (value === null) db.removeSync(key);
    else {
      const rec = new Uint8Array(value.length + 1);
      rec[0] = PLAIN;
      rec.set(value, 1);
      if (append) db.putSync(key, rec, APPEND);
      else db.putSync(key, rec);
    }
    return;
  }
  // A bucket is rewritten once per long key it holds, so it is never appended (it still sorts
  // after every shorter key before it, which keeps appending the later keys valid).
  const bucketKey = key.subarray(0, BUCKET_PREFIX);
  const existing = db.getBinary(bucketKey);
  const entries = (existing ? decodeBucket(existing) : []).filter(([k]) => compareBytes(k, key) !== 0);
  if (value !== null) entries.push([key, value]);
  entries.sort((a, b) => compareBytes(a[0], b[0]));
  if (entries.length === 0) db.removeSync(bucketKey);
  else db.putSync(bucketKey, encodeBucket(entries));
}

/** The first key after every key starting with `prefix`, or undefined if there is none. */
function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  let n = prefix.length;
  while (n > 0 && prefix[n - 1] === 0xff) n--;
  if (n === 0) return undefined;
  const end = prefix.slice(0, n);
  end[n - 1]!++;
  return end;
}

/**
 * Entries whose key starts with `prefix`, sorted by key, keys as key strings (see bytes.ts). The
 * lmdb cursor opens right away on a snapshot, so later commits do not change what it yields.
 */
export function flatRange(db: FlatDb, prefix: Uint8Array, transaction?: Transaction): Iterator<[string, Uint8Array]> {
  // A bucket record's key is only the first BUCKET_PREFIX bytes of its keys.
  const start = prefix.length > BUCKET_PREFIX ? prefix.subarray(0, BUCKET_PREFIX) : prefix;
  const end = prefixEnd(start);
  const options: { start?: Uint8Array; end?: Uint8Array; transaction?: Transaction } = {};
  if (start.length > 0) options.start = new Uint8Array(start);
  if (end !== undefined) options.end = end;
  if (transaction !== undefined) options.transaction = transaction;
  const records = db.getRange({ ...options, snapshot: true })[Symbol.iterator]();
  return expand(records, prefix);
}

function* expand(records: Iterator<{ key: unknown; value: unknown }>, prefix: Uint8Array): Generator<[string, Uint8Array]> {
  for (let r = records.next(); !r.done; r = records.next()) {
    const { key, value } = r.value;
    const k = key as Uint8Array;
    const v = value as Uint8Array;
    if (v[0] === PLAIN) {
      if (startsWith(k, prefix)) yield [bytesToKeyString(k), view(v, 1, v.length)];
    } else if (v[0] === BUCKET) {
      for (const [bk, bv] of decodeBucket(v)) if (startsWith(bk, prefix)) yield [bytesToKeyString(bk), bv];
    } else throw new StoreError('Corrupted', 'flat record with a bad tag');
  }
}
