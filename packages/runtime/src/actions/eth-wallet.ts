/**
 * The global contract ETH-implicit accounts point at, per chain (nearcore near-wallet-contract
 * `eth_wallet_global_contract_hash`). Other chains use the hash of nearcore's localnet wallet
 * contract build.
 */
import { fromHex, type CryptoHash } from '@nearts/primitives';

const MAINNET = '1daa835c4637f7ae3d924095ba3f0bf2829bcfa17b1068cd58bd853dcad7ceb5';
const TESTNET = '238feac1f86cc9f9f4003e3f6d5aebc04eaea9c394032bd29470e9609b67f6c5';
const LOCALNET = 'd2884a900d4fa370e48f1e3d4865d4dc0dbd093c89f0e7baef2eddc142c49e8d';

export function ethWalletGlobalContractHash(chainId: string): CryptoHash {
  if (chainId === 'mainnet' || chainId === 'mocknet') return fromHex(MAINNET);
  if (chainId === 'testnet') return fromHex(TESTNET);
  return fromHex(LOCALNET);
}
