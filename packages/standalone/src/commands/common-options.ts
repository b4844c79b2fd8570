/** Flags shared by several commands. */
import { runtimeConfig, UnsupportedProtocolVersionError } from '@nearts/runtime-fees';
import { UsageError } from '../usage-error.js';

export const DEFAULT_PROTOCOL_VERSION = 86;

export function parseProtocolVersion(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PROTOCOL_VERSION;
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`expected a protocol version number, got ${JSON.stringify(text)}`, '--protocol-version');
  const v = Number(text);
  try {
    runtimeConfig(v);
  } catch (e) {
    if (e instanceof UnsupportedProtocolVersionError) throw new UsageError(e.message, '--protocol-version');
    throw e;
  }
  return v;
}

export function parseChainId(text: string | undefined): string {
  if (text === undefined) return 'mainnet';
  if (text !== 'mainnet' && text !== 'testnet') throw new UsageError(`expected mainnet or testnet, got ${JSON.stringify(text)}`, '--chain-id');
  return text;
}
