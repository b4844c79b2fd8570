/** Types for generate.mjs (the @near-js vector generator). */
export interface NearJsVector {
  name: string;
  description: string;
  signerId: string;
  receiverId: string;
  nonce: string;
  publicKey: string;
  actionTypes: string[];
  txHex: string;
  txHashHex: string;
  signatureHex: string;
  signedTxHex: string;
  delegateSignableHex?: string;
  delegateHashHex?: string;
  delegateSignatureHex?: string;
  delegatePublicKey?: string;
  secretKey?: string;
}

export interface NearJsVectors {
  description: string;
  generatedWith: Record<string, string>;
  blockHashHex: string;
  keys: Record<string, string>;
  vectors: NearJsVector[];
}

export function generateVectors(): Promise<NearJsVectors>;
