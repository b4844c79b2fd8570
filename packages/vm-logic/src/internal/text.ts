/** Strict text decoding with Rust's semantics (`String::from_utf8`, `char::decode_utf16`). */

// ignoreBOM keeps a leading U+FEFF in the string, as Rust does.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Returns null on invalid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes little-endian UTF-16 code units (even length); null on an unpaired surrogate. */
export function decodeUtf16Le(bytes: Uint8Array): string | null {
  const n = bytes.length >> 1;
  let out = '';
  const chunk: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = bytes[2 * i] | (bytes[2 * i + 1] << 8);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 1 >= n) return null;
      const lo = bytes[2 * i + 2] | (bytes[2 * i + 3] << 8);
      if (lo < 0xdc00 || lo > 0xdfff) return null;
      chunk.push(u, lo);
      i++;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      return null;
    } else {
      chunk.push(u);
    }
    if (chunk.length >= 4096) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

export function encodeUtf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

/** UTF-8 byte length of a well-formed string (what Rust's `String::len` returns). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
