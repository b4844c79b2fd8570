/**
 * The pieces of Rust formatting that nearcore's error texts are built from, reproduced exactly:
 * `{:?}` of strings and doubles, `{:.N}` of doubles, and the Display of the three value types
 * that appear in error texts (`near_token::NearToken` 0.3.2, `near_gas::NearGas` 0.3.2 through
 * nearcore's `Gas` wrapper, `bytesize::ByteSize` 1.1.0). test/rust-fmt.test.ts checks them against
 * vectors printed by those crates.
 */

// Rust's `char::is_printable` escapes the general categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs
// (except the ASCII space); `<str as Debug>` additionally escapes every Grapheme_Extend character.
// Node's ICU decides the categories, so a Node whose Unicode version is older than the Rust
// toolchain's may print a newly assigned character unescaped.
const ESCAPED_AS_UNICODE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]$/u;

/** `format!("{:?}", s)` for a `&str`/`String`: quoted, with Rust's escapes. */
export function debugStr(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (cp) {
      case 0x00: out += '\\0'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x20: out += ' '; continue;
    }
    out += ESCAPED_AS_UNICODE.test(ch) ? `\\u{${cp.toString(16)}}` : ch;
  }
  return `${out}"`;
}

/** `{:?}` of a `near_account_id::AccountId` (a derived Debug on a newtype): `AccountId("alice.near")`. */
export function debugAccountId(accountId: string): string {
  return `AccountId(${debugStr(accountId)})`;
}

/** A finite double as `sign · mantissa · 2^exponent`, exactly. */
function decompose(x: number): { negative: boolean; mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { negative, mantissa: fraction, exponent: -1074 };
  return { negative, mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/**
 * `format!("{:.digits$}", x)`: the exact binary value rounded to `digits` decimals, ties to even
 * (JavaScript's `toFixed` rounds ties up and would print 1.25 as "1.3" where Rust prints "1.2").
 */
export function rustFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const { negative, mantissa, exponent } = decompose(x);
  const scaled = mantissa * 10n ** BigInt(digits);
  let units: bigint;
  if (exponent >= 0) {
    units = scaled << BigInt(exponent);
  } else {
    const divisor = 1n << BigInt(-exponent);
    units = scaled / divisor;
    const twiceRemainder = (scaled % divisor) * 2n;
    if (twiceRemainder > divisor || (twiceRemainder === divisor && units % 2n === 1n)) units += 1n;
  }
  const text = units.toString(10).padStart(digits + 1, '0');
  const body = digits === 0 ? text : `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
  return negative ? `-${body}` : body;
}

/** `format!("{:?}", x)` for an f64: shortest round-trip digits, `.0` on integers, exponent outside [1e-4, 1e16). */
export function debugF64(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    const plain = String(x);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  return x.toExponential().replace('e+', 'e');
}

const U128_MAX = (1n << 128n) - 1n;
const U64_MAX = (1n << 64n) - 1n;
const ONE_MILLINEAR = 10n ** 21n;
const ONE_GIGA_GAS = 10n ** 9n;

/** Display of `near_token::NearToken` 0.3.2 (nearcore's `Balance`): rounded *up*, e.g. "1.01 NEAR". */
export function displayNearToken(yoctoNear: bigint): string {
  if (yoctoNear === 0n) return '0 NEAR';
  if (yoctoNear < ONE_MILLINEAR) return '<0.001 NEAR';
  if (yoctoNear <= 999n * ONE_MILLINEAR) {
    const milliNear = min(yoctoNear + ONE_MILLINEAR - 1n, U128_MAX) / ONE_MILLINEAR;
    return `0.${milliNear.toString().padStart(3, '0')} NEAR`;
  }
  const centiNear = min(yoctoNear + 10n * ONE_MILLINEAR - 1n, U128_MAX) / ONE_MILLINEAR / 10n;
  return `${centiNear / 100n}.${(centiNear % 100n).toString().padStart(2, '0')} NEAR`;
}

/** Display of nearcore's `Gas` (it forwards to `near_gas::NearGas` 0.3.2): rounded *up*, e.g. "300.0 Tgas". */
export function displayNearGas(gas: bigint): string {
  if (gas === 0n) return '0 Tgas';
  if (gas < ONE_GIGA_GAS) return '<0.001 Tgas';
  if (gas <= 999n * ONE_GIGA_GAS) {
    const gigaGas = min(gas + ONE_GIGA_GAS - 1n, U64_MAX) / ONE_GIGA_GAS;
    return `0.${gigaGas.toString().padStart(3, '0')} Tgas`;
  }
  const deciTeraGas = min(gas + 100n * ONE_GIGA_GAS - 1n, U64_MAX) / ONE_GIGA_GAS / 100n;
  return `${deciTeraGas / 10n}.${deciTeraGas % 10n} Tgas`;
}

// bytesize 1.1.0 divides by powers of 1000 but picks the power with ln(1024) (rounded to this
// constant), so 1_048_576 bytes prints as "1048.6 KB", not "1.0 MB".
const BYTESIZE_LN_BASE = 6.931471806;
const BYTESIZE_UNITS = 'KMGTPE';

/** Display of `bytesize::ByteSize` 1.1.0, the version nearcore's vm-runner formats limits with. */
export function displayByteSize(bytes: bigint): string {
  if (bytes < 1000n) return `${bytes} B`;
  const size = Number(bytes);
  const power = Math.max(1, Math.trunc(Math.log(size) / BYTESIZE_LN_BASE));
  const scaled = size / Number(1000n ** BigInt(power));
  return `${rustFixed(scaled, 1)} ${BYTESIZE_UNITS[power - 1]}B`;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
