/** The backends the behaviour suite runs against: each factory returns a fresh empty state. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbState, MemoryState, type State } from '../src/index.js';

export interface Backend {
  readonly name: string;
  create(): State;
  /** Closes everything `create` opened and removes temp files. */
  cleanup(): void;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nearts-store-test-'));
}

function lmdbBackend(name: string, wrap: (s: LmdbState) => State): Backend {
  const opened: Array<{ dir: string; db: LmdbState; state: State }> = [];
  return {
    name,
    create() {
      const dir = tempDir();
      const db = new LmdbState({ path: dir, durable: false });
      const state = wrap(db);
      opened.push({ dir, db, state });
      return state;
    },
    cleanup() {
      for (const { dir, db, state } of opened.splice(0)) {
        state.close();
        db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export const backends: Backend[] = [
  { name: 'MemoryState', create: () => new MemoryState(), cleanup: () => {} },
  { name: 'MemoryState.fork()', create: () => new MemoryState().fork(), cleanup: () => {} },
  lmdbBackend('LmdbState', (db) => db),
  lmdbBackend('LmdbState.fork()', (db) => db.fork()),
];

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const str = (b: Uint8Array): string => new TextDecoder().decode(b);
export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** All entries as "key=value" strings (utf8), in iteration order. */
export function contents(s: State, prefix?: Uint8Array): string[] {
  return [...s.iter(prefix)].map(([k, v]) => `${str(k)}=${str(v)}`);
}
