/**
 * Account-id rules vm-logic needs (near-account-id's validation and account types).
 * Kept internal until @nearts/primitives exports the same functions; behaviour must match.
 */

function isLowerAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

function isSeparator(c: number): boolean {
  return c === 0x2d || c === 0x5f || c === 0x2e; // - _ .
}

/** 2..64 bytes of lowercase alphanumerics split by single `-`, `_` or `.`, no leading/trailing separator. */
export function isValidAccountId(id: string): boolean {
  if (id.length < 2 || id.length > 64) return false;
  let lastWasSeparator = true;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (isLowerAlnum(c)) lastWasSeparator = false;
    else if (isSeparator(c)) {
      if (lastWasSeparator) return false;
      lastWasSeparator = true;
    } else return false;
  }
  return !lastWasSeparator;
}

export type AccountType = 'NamedAccount' | 'NearImplicitAccount' | 'EthImplicitAccount' | 'NearDeterministicAccount';

function lowerHexFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** near-account-id `get_account_type`, in its check order. */
export function accountType(id: string): AccountType {
  if (id.length === 42 && id.startsWith('0x') && lowerHexFrom(id, 2)) return 'EthImplicitAccount';
  if (id.length === 64 && lowerHexFrom(id, 0)) return 'NearImplicitAccount';
  if (id.length === 42 && id.startsWith('0s') && lowerHexFrom(id, 2)) return 'NearDeterministicAccount';
  return 'NamedAccount';
}
