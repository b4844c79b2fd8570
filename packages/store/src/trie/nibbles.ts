/**
 * Nibble paths. Inside the trie, keys and paths are latin1 strings (one char per byte, see
 * bytes.ts): a string is one compact heap object, while a small Uint8Array costs three, and the
 * in-memory trie holds millions of them. A path is a window [start, end) of nibble positions over
 * such a string, where nibble i is the high half of char i/2 for even i and the low half for odd i
 * (nearcore's `NibbleSlice`). Windows avoid building a string per node.
 */

export function nibbleAt(s: string, i: number): number {
  const c = s.charCodeAt(i >> 1);
  return i & 1 ? c & 15 : c >> 4;
}

/** How many nibbles a[aStart..aEnd) and b[bStart..bEnd) share from their starts. */
export function commonPrefix(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  let i = 0;
  // Fast path: windows of equal parity (e.g. two full keys at the same depth) compare whole chars
  // after at most one leading nibble.
  if ((aStart & 1) === (bStart & 1)) {
    if (aStart & 1) {
      if (n === 0 || (a.charCodeAt(aStart >> 1) & 15) !== (b.charCodeAt(bStart >> 1) & 15)) return 0;
      i = 1;
    }
    let ai = (aStart + i) >> 1;
    let bi = (bStart + i) >> 1;
    while (i + 2 <= n && a.charCodeAt(ai) === b.charCodeAt(bi)) {
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
 * Writes nearcore's hex-prefix encoding of s[start..end) into `out` at `at` and returns the
 * position after it: first byte = 0x20 if leaf, +0x10 and the first nibble if the length is odd;
 * then the remaining nibbles in pairs.
 */
export function writeEncodedPath(out: Uint8Array, at: number, s: string, start: number, end: number, isLeaf: boolean): number {
  let i = start;
  let first = isLeaf ? 0x20 : 0;
  if ((end - start) & 1) {
    first += 0x10 + nibbleAt(s, i);
    i++;
  }
  out[at++] = first;
  if ((i & 1) === 0) {
    for (let j = i >> 1, stop = end >> 1; j < stop; j++) out[at++] = s.charCodeAt(j);
    return at;
  }
  for (; i < end; i += 2) out[at++] = (nibbleAt(s, i) << 4) | nibbleAt(s, i + 1);
  return at;
}

/** a[aStart..aEnd) followed by b[bStart..bEnd), packed into a fresh string from nibble 0. */
export function concatNibbles(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): string {
  const la = aEnd - aStart;
  const total = la + bEnd - bStart;
  let out = '';
  for (let i = 0; i < total; i += 2) {
    const hi = i < la ? nibbleAt(a, aStart + i) : nibbleAt(b, bStart + i - la);
    const j = i + 1;
    const lo = j >= total ? 0 : j < la ? nibbleAt(a, aStart + j) : nibbleAt(b, bStart + j - la);
    out += String.fromCharCode((hi << 4) | lo);
  }
  return out;
}

/** The path string of one nibble. */
export function singleNibble(n: number): string {
  return String.fromCharCode(n << 4);
}

/**
 * Decodes a hex-prefix encoded path (as a latin1 string): the nibble window it denotes inside the
 * string and its leaf flag.
 */
export function decodeEncodedPath(encoded: string): { start: number; end: number; isLeaf: boolean } {
  const first = encoded.charCodeAt(0);
  return { start: first & 0x10 ? 1 : 2, end: encoded.length * 2, isLeaf: (first & 0x20) !== 0 };
}
