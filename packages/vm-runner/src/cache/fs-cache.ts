/**
 * A filesystem layer under the in-memory LRU: prepared contracts survive the process, so a CLI
 * run or a test suite does not re-prepare the same contracts every time.
 *
 * Files are named by the cache key and written atomically (temporary file + rename), so a
 * crashed writer never leaves a half file under a real name. A file that cannot be read or
 * decoded is treated as a miss (and traced), never as a contract failure: the cache only ever
 * affects speed, like nearcore's.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { tracer } from '@nearts/primitives';
import { cacheKeyString, type CachedArtifact, type CacheStats, type ContractCache, type ContractCacheKey } from './contract-cache.js';
import { LruContractCache } from './lru-cache.js';

const trace = tracer('nearts:vm-runner:cache');

/** Turns an executor's artifact into bytes and back (the executor knows its format). */
export interface ArtifactCodec<T> {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): CachedArtifact<T>;
}

export class FsContractCache<T> implements ContractCache<T> {
  private readonly memory: ContractCache<T>;
  private sequence = 0;

  constructor(
    readonly directory: string,
    private readonly codec: ArtifactCodec<T>,
    memory?: ContractCache<T>,
  ) {
    mkdirSync(directory, { recursive: true });
    this.memory = memory ?? new LruContractCache<T>();
  }

  get stats(): CacheStats {
    return this.memory.stats;
  }

  private fileOf(key: ContractCacheKey): string {
    const name = createHash('sha256').update(cacheKeyString(key)).digest('hex');
    return join(this.directory, `${name}.bin`);
  }

  get(key: ContractCacheKey): CachedArtifact<T> | undefined {
    const hit = this.memory.get(key);
    if (hit) return hit;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(this.fileOf(key));
    } catch {
      return undefined;
    }
    try {
      const artifact = this.codec.decode(bytes);
      this.memory.put(key, artifact);
      return artifact;
    } catch (e) {
      trace('unreadable cache file, ignored', this.fileOf(key), (e as Error).message);
      return undefined;
    }
  }

  has(key: ContractCacheKey): boolean {
    return this.memory.has(key) || this.get(key) !== undefined;
  }

  put(key: ContractCacheKey, artifact: CachedArtifact<T>): void {
    this.memory.put(key, artifact);
    const file = this.fileOf(key);
    const tmp = `${file}.${process.pid}.${this.sequence++}.tmp`;
    try {
      writeFileSync(tmp, this.codec.encode(artifact.value));
      renameSync(tmp, file);
    } catch (e) {
      trace('cache write failed, continuing without it', file, (e as Error).message);
    }
  }

  clear(): void {
    this.memory.clear();
  }
}
