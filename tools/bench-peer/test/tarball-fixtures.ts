// Loads the near-sdk-rs contracts fetched with `npm pack`. Tests that need them skip, loudly,
// only when the fetch failed because of the network; a sha256 mismatch fails the test run.
import { ensureTarballContracts } from '../src/contracts.mjs';
import { FixtureError } from '../src/errors.mjs';

export type TarballFixtures =
  | { ok: true; fungibleToken: Uint8Array; linkdrop: Uint8Array; skipReason: '' }
  | { ok: false; skipReason: string };

export async function loadTarballFixtures(): Promise<TarballFixtures> {
  try {
    const c = await ensureTarballContracts();
    return { ok: true, fungibleToken: c.fungibleToken, linkdrop: c.linkdrop, skipReason: '' };
  } catch (e) {
    if (e instanceof FixtureError && e.network) {
      const skipReason = `SKIPPED: npm fixtures could not be fetched (network): ${e.message}`;
      console.warn(`[bench-peer] ${skipReason}`);
      return { ok: false, skipReason };
    }
    throw e;
  }
}

/** The first `fixtures.ok` test name suffix: empty when the fixtures are there. */
export const suffix = (f: TarballFixtures) => (f.ok ? '' : ` — ${f.skipReason}`);
