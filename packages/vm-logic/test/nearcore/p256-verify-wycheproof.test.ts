/** nearcore runtime/near-vm-runner/src/logic/tests/p256_verify_wycheproof.rs, translated. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VMLogicBuilder } from './logic-builder.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

/** The `_sha256_` suite signs SHA-256(msg); the host function takes the digest. */
function run(pubkey: string, msg: string, sig: string): unknown {
  const prehash = Uint8Array.from(createHash('sha256').update(hex(msg)).digest());
  const t = VMLogicBuilder.default().build();
  const s = t.memWrite(hex(sig));
  const m = t.memWrite(prehash);
  const p = t.memWrite(hex(pubkey));
  return t.call('p256_verify', s.len, s.ptr, m.len, m.ptr, p.len, p.ptr);
}

const PK = '022927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838';
const TC1_SIG =
  '2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e184cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76';

const CASES: [string, string, string, string, bigint][] = [
  [
    'tcId 60 (Shamir edge case): valid',
    PK,
    '3639383139',
    '64a1aab5000d0e804f3e2fc02bdee9be8ff312334e2ba16d11547c97711c898e6af015971cc30be6d1a206d4e013e0997772a2f91d73286ffd683b9bb2cf4f1b',
    1n,
  ],
  ['tcId 1 (low s): valid', PK, '313233343030', TC1_SIG, 1n],
  [
    'tcId 171 (high s): accepted, no low-s rule',
    '0268ec6e298eafe16539156ce57a14b04a7047c221bafc3a582eaeb0d857c4d946',
    '313233343030',
    '7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a97fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a9',
    1n,
  ],
  ['tcId 11 (r=0, s=0)', PK, '313233343030', '0'.repeat(128), 0n],
  ['tcId 18 (r=1, s=0)', PK, '313233343030', `${'0'.repeat(63)}1${'0'.repeat(64)}`, 0n],
  ['tcId 25 (r=n, s=0)', PK, '313233343030', `ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551${'0'.repeat(64)}`, 0n],
  [
    'tcId 4 (r replaced by n − r)',
    PK,
    '313233343030',
    'd45c5740946b2a147f59262ee6f5bc90bd01ed280528b62b3aed5fc93f06f739b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db',
    0n,
  ],
  ['tcId 1 signature, SEC1 tag 0x05: key does not parse', `05${PK.slice(2)}`, '313233343030', TC1_SIG, 0n],
];

describe('nearcore logic tests: p256_verify_wycheproof', () => {
  it.each(CASES)('%s', (_name, pubkey, msg, sig, want) => {
    expect(run(pubkey, msg, sig)).toBe(want);
  });
});
