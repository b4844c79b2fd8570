/**
 * Nibble paths. A path is a window [start, end) of nibble positions over a byte array, where
 * nibble i is the high half of byte i/2 for even i and the low half for odd i (nearcore's
 * `NibbleSlice`). Windows avoid allocating a nibble array per node.
 */

export function nibbleAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i >> 1]!;
  return i & 1 ? b & 15 : b >> 4;
}

/** How many nibbles a[aStart..aEnd) and b[bStart..bEnd) share from their starts. */
export function commonPrefix(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  let i = 0;
  // Fast path: windows of equal parity (e.g. two full keys at the same depth) compare whole bytes
  // after at most one leading nibble.
  if ((aStart & 1) === (bStart & 1)) {
    if (aStart & 1) {
      if (n === 0 || (a[aStart >> 1]! & 15) !== (b[bStart >> 1]! & 15)) return 0;
      i = 1;
    }
    let ai = (aStart + i) >> 1;
    let bi = (bStart + i) >> 1;
    while (i + 2 <= n && a[ai] === b[bi]) {
      i += 2;
      ai++;
      bi++;
    }
  }
  while (i < n && nibbleAt(a, aStart + i) === nibbleAt(b, bStart + i)) i++;
  return i;
}

/** Length of nearcore's hex-prefix encoding of a path of `nibbles` nibbles. */
export function encodedPathLength(nibbles: number): number {
  return 1 + (nibbles >> 1);
}

/**
 * Writes nearcore's hex-prefix encoding of bytes[start..end) into `out` at `at` and returns the
 * position after it: first byte = 0x20 if leaf, +0x10 and the first nibble if the length is odd;
 * then the remaining nibbles in pairs.
 */
export function writeEncodedPath(
  out: Uint8Array,
  at: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  isLeaf: boolean,
): number {
  const len = end - start;
  let i = start;
  let first = isLeaf ? 0x20 : 0;
  if (len & 1) {
    first += 0x10 + nibbleAt(bytes, i);
    i++;
  }
  out[at++] = first;
  if ((i & 1) === 0) {
    // Aligned: plain byte copy (a loop beats subarray+set for these short paths).
    for (let j = i >> 1, stop = end >> 1; j < stop; j++) out[at++] = bytes[j]!;
    return at;
  }
  while (i < end) {
    out[at++] = (nibbleAt(bytes, i) << 4) | nibbleAt(bytes, i + 1);
    i += 2;
  }
  return at;
}

/** Packs two nibble windows, one after the other, into a fresh array starting at nibble 0. */
export function concatNibbles(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): Uint8Array {
  const la = aEnd - aStart;
  const total = la + bEnd - bStart;
  const out = new Uint8Array((total + 1) >> 1);
  for (let i = 0; i < total; i++) {
    const v = i < la ? nibbleAt(a, aStart + i) : nibbleAt(b, bStart + i - la);
    out[i >> 1] |= i & 1 ? v : v << 4;
  }
  return out;
}

/** Decodes a hex-prefix encoded path: the nibble window it denotes inside `encoded` and its leaf flag. */
export function decodeEncodedPath(encoded: Uint8Array): { start: number; end: number; isLeaf: boolean } {
  const first = encoded[0]!;
  return { start: first & 0x10 ? 1 : 2, end: encoded.length * 2, isLeaf: (first & 0x20) !== 0 };
}
