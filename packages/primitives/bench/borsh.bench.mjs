// Primitives benchmark: borsh decode/encode of signed transactions and receipts, hashing and
// signature verification. Runs against the build (`pnpm run build` first; `pnpm bench` does it
// through turbo):   node bench/borsh.bench.mjs [iterations]
import { readFileSync } from 'node:fs';
import {
  ReceiptCodec,
  SignedTransactionCodec,
  decode,
  decodeSignedTransaction,
  encode,
  fromHex,
  sha256,
  verifySignedTransaction,
} from '../dist/index.js';

const iterations = Number(process.argv[2] ?? 20_000);
const vectors = JSON.parse(readFileSync(new URL('../test/vectors/near-js-actions.json', import.meta.url), 'utf8'));
const sample = JSON.parse(readFileSync(new URL('../test/vectors/sample-signed-tx.json', import.meta.url), 'utf8'));
const transfer = fromHex(vectors.vectors.find((v) => v.name === 'transfer').signedTxHex);
const batch = fromHex(vectors.vectors.find((v) => v.name === 'batch').signedTxHex);
const big = fromHex(sample.signedTxHex);

const tx = decode(SignedTransactionCodec, batch).transaction;
const receipt = encode(ReceiptCodec, {
  predecessorId: tx.signerId,
  receiverId: tx.receiverId,
  receiptId: sha256(new Uint8Array([1])),
  receipt: {
    type: 'Action',
    receipt: { signerId: tx.signerId, signerPublicKey: tx.publicKey, gasPrice: 100_000_000n, outputDataReceivers: [], inputDataIds: [], actions: tx.actions },
  },
});

function bench(name, f, n = iterations) {
  for (let i = 0; i < Math.min(n, 1000); i++) f(); // warm up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f();
  const ns = Number(process.hrtime.bigint() - t0) / n;
  console.log(`${name.padEnd(44)} ${(1e9 / ns).toFixed(0).padStart(9)} ops/s  ${(ns / 1000).toFixed(2).padStart(8)} µs/op`);
}

bench(`decode SignedTransaction transfer (${transfer.length} B)`, () => decode(SignedTransactionCodec, transfer));
bench(`decode SignedTransaction batch (${batch.length} B)`, () => decode(SignedTransactionCodec, batch));
bench(`decode SignedTransaction 5.5 kB (${big.length} B)`, () => decode(SignedTransactionCodec, big));
const decodedBatch = decode(SignedTransactionCodec, batch);
bench('encode SignedTransaction batch', () => encode(SignedTransactionCodec, decodedBatch));
bench(`decode Receipt (${receipt.length} B)`, () => decode(ReceiptCodec, receipt));
bench('decodeSignedTransaction (+ hash) transfer', () => decodeSignedTransaction(transfer));
const d = decodeSignedTransaction(transfer);
bench('verify ed25519 transaction signature', () => verifySignedTransaction(d.signedTransaction, d.hash), Math.min(iterations, 5000));
