/**
 * Math and crypto behind the host functions (nearcore `logic.rs` sha256 … bls12381_*): pure
 * functions of the bytes a host function has read, with nearcore's results and error texts.
 * They charge no gas; each module's header lists what the host wrapper charges, in order.
 */
export { keccak256, keccak512, ripemd160, ripemd160BlockCount, sha256 } from './hashes.js';
export {
  ecrecover,
  ecrecoverCheckHash,
  ecrecoverCheckMalleabilityFlag,
  ecrecoverCheckSignature,
} from './ecrecover.js';
export { ed25519SignatureEarlyReject, ed25519Verify, ed25519VerifyReference } from './ed25519.js';
export { p256SignatureEarlyReject, p256Verify } from './p256.js';
export {
  ALT_BN128_G1_MULTIEXP_ITEM_SIZE,
  ALT_BN128_G1_SUM_ITEM_SIZE,
  ALT_BN128_PAIRING_CHECK_ITEM_SIZE,
  altBn128G1Multiexp,
  altBn128G1MultiexpElements,
  altBn128G1Sum,
  altBn128G1SumElements,
  altBn128PairingCheck,
  altBn128PairingCheckElements,
} from './alt-bn128.js';
export {
  BLS12381_G1_MULTIEXP_ITEM_SIZE,
  BLS12381_G2_MULTIEXP_ITEM_SIZE,
  BLS12381_MAP_FP2_TO_G2_ITEM_SIZE,
  BLS12381_MAP_FP_TO_G1_ITEM_SIZE,
  BLS12381_P1_DECOMPRESS_ITEM_SIZE,
  BLS12381_P1_SUM_ITEM_SIZE,
  BLS12381_P2_DECOMPRESS_ITEM_SIZE,
  BLS12381_P2_SUM_ITEM_SIZE,
  BLS12381_PAIRING_CHECK_ITEM_SIZE,
  bls12381ElementCount,
  bls12381G1Multiexp,
  bls12381G2Multiexp,
  bls12381MapFp2ToG2,
  bls12381MapFpToG1,
  bls12381P1Decompress,
  bls12381P1Sum,
  bls12381P2Decompress,
  bls12381P2Sum,
  bls12381PairingCheck,
  bls12381PairingElementCount,
} from './bls12381.js';
