/**
 * Keeps V8's per-grow bookkeeping of shared memories bounded.
 *
 * V8 11.3 (Node 20) gives *every* shared WebAssembly.Memory the isolate still holds a new
 * SharedArrayBuffer whenever any of them grows (`BackingStore::BroadcastSharedWasmMemoryGrow`),
 * and the memories of finished calls stay in that list until a major GC collects them: 200 ns
 * per memory per grow for a tiny module, 400–900 ns when each memory belongs to a (dead, not yet
 * collected) fungible-token instance. Rust contracts grow their memory on every call (wee_alloc,
 * dlmalloc), so the cost of a call rose with every call made since V8's last major GC — 36% of
 * the CPU of a block of fungible-token transfers at 10k accounts.
 *
 * This counts that work (memories created since the last collection × calls that grew) and, once
 * it passes what a major GC of the heap costs (~1 ns per heap byte), starts one through V8's
 * external-memory accounting: a short-lived ArrayBuffer above V8's 64 MiB external soft limit
 * starts incremental marking. Deterministic (counts, no clock) and invisible to contracts:
 * only when V8 collects changes.
 */
import { getHeapStatistics } from 'node:v8';

/**
 * Heap bytes a major GC marks in the time one list visit of a grow takes: a forced GC of a chain
 * worker's heap costs ~1 ns/byte (45 ms for 31 MB, 90 ms for 106 MB), a visit ~500 ns with real
 * contract instances, so the best cycle is about √(2·GC cost / visit cost) calls. Switching the
 * value inside one chain worker, FT blocks interleaved (6 blocks per turn, 10k accounts), 500
 * took 0.87× the CPU per transfer of 250 (a second, same-policy control 0.94×); 450–1000 were
 * alike. Across two whole builds under heavy machine load the difference stays within noise.
 */
export const HEAP_BYTES_PER_VISIT = 500;
/** Never below the visits a 64 MiB heap would justify: small heaps need no heap-size reads. */
export const MIN_VISITS = (64 * 1024 * 1024) / HEAP_BYTES_PER_VISIT;
/** Above V8's external-memory soft limit (64 MiB): starts incremental marking, not an atomic GC. */
const HINT_BYTES = 80 * 1024 * 1024;

export class SharedMemoryPressure {
  constructor(
    private readonly heapBytes: () => number = () => getHeapStatistics().used_heap_size,
    private readonly startCollection: () => void = startMajorGc,
  ) {}

  private createdSince = 0;
  private visitsSince = 0;
  private nextCheck = MIN_VISITS;
  /** Collections started (for tests and benchmarks). */
  collections = 0;

  /** Shared memories created since the last collection this started. */
  get created(): number {
    return this.createdSince;
  }

  /** Σ of `created` at each call whose memory grew: list visits V8 made (at least one grow each). */
  get visits(): number {
    return this.visitsSince;
  }

  memoryCreated(): void {
    this.createdSince++;
  }

  callGrewMemory(): void {
    this.visitsSince += this.createdSince;
    if (this.visitsSince < this.nextCheck) return;
    const threshold = Math.max(MIN_VISITS, this.heapBytes() / HEAP_BYTES_PER_VISIT);
    if (this.visitsSince < threshold) {
      this.nextCheck = threshold;
      return;
    }
    this.createdSince = 0;
    this.visitsSince = 0;
    this.nextCheck = MIN_VISITS;
    this.collections++;
    this.startCollection();
  }
}

let hint: ArrayBuffer | null = null;

function startMajorGc(): void {
  try {
    hint = new ArrayBuffer(HINT_BYTES);
  } catch {
    // no address space for the hint: V8 collects on its own schedule
  }
  hint = null;
}

/** One per process: V8's list is per isolate. */
export const sharedMemoryPressure = new SharedMemoryPressure();
