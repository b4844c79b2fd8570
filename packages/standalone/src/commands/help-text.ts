/** The longer `--help` texts, kept out of cli.ts so the command table stays readable. */
import { readFileSync } from 'node:fs';

/** This package's version, from its package.json (one directory above src/ and dist/). */
export function packageVersion(): string {
  try {
    const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof json.version === 'string' ? json.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export const PROGRAM_HELP = `
Examples:
  nearts run --wasm-file counter.wasm --method-name increment
  nearts run --wasm-file token.wasm --method-name get_balance --args '{"owner_id":"bob.near"}' \\
    --state-file state.json --view --json
  nearts prepare --wasm-file contract.wasm --protocol-version 83
  nearts params --protocol-version 86 --json

Exit codes: 0 success, 1 the contract failed (run) or was rejected (prepare),
2 bad usage or unreadable input (one line on stderr; --verbose adds the stack trace).`;

export const RUN_HELP = `
Call input: at most one of --args, --args-base64, --args-file (default: the context's
"input", else empty).

Context file (--context-file): a JSON object with nearcore's VMContext field names; every
field is optional and takes this default when left out:
  current_account_id "alice"            signer_account_id "bob"
  predecessor_account_id "carol"        refund_to_account_id = predecessor_account_id
  signer_account_pk  ed25519, sha256("nearts default signer")
  block_height 1 (old name block_index) block_timestamp 1586796191203000000
  epoch_height 1                        account_balance 10 NEAR (10^25 yocto)
  account_locked_balance 0              storage_usage 100 (or derived from --state-file)
  attached_deposit 0                    prepaid_gas 300 Tgas (300000000000000)
  random_seed 32 zero bytes             input empty
  view_config null ({"max_gas_burnt": "<u64>"} or "is_view": true make it a view call)
  output_data_receivers []
u64/u128 values are decimal strings (JSON numbers are accepted up to 2^53); input,
signer_account_pk (1 curve byte + key) and random_seed are base64. Unknown fields are errors.

State file (--state-file, --state-out): {"<base64 key>": "<base64 value>", ...}, the
contract's storage. --state-out writes the storage after the call (unchanged when the call
failed), so calls chain: --state-file s.json --state-out s.json.

Promise results (--promise-results, once per result, in order): "NotReady", "Failed" or
{"Successful": "<base64>"}; the bare words NotReady and Failed work without quotes.

Config file (--config-file): {"<nearcore parameter name>": value, ...} applied over the
protocol version's parameters, e.g. {"max_gas_burnt": "1000"}; see \`nearts params --json\`.

--json prints one object:
  {"outcome": {"balance", "storage_usage", "return_data", "burnt_gas", "used_gas",
               "compute_usage", "logs", "profile", "aborted"},
   "error": null | {"type", "message", "json"},
   "receipts": [{"receipt_index", "receiver_id", "depends_on", "actions"}, ...],
   "state": {"<base64 key>": "<base64 value>"}}
  u64/u128 as decimal strings; return_data is null, {"Value": "<base64>"} or
  {"ReceiptIndex": n}; error.message is nearcore's Display text, error.json its RPC JSON.
Without --json: a report with the return value (text/JSON, else hex), logs, gas in Tgas, the
receipts the call created and the gas profile sorted by cost.

--sandbox links sandbox_debug_log(len, ptr) as a node built with nearcore's sandbox feature
does (free; without the flag a contract importing it fails to link, as on mainnet); each
message is printed on stderr as "nearts:vm-logic:sandbox <message>".

Exit code: 0 the call succeeded, 1 the contract failed (including MethodNotFound), 2 bad
usage or unreadable input.`;

export const PREPARE_HELP = `
--json prints {"ok": true, "protocol_version", "original_size", "instrumented_size",
"imported_functions", "defined_functions", "gas_charges", "methods", "imports"} or
{"ok": false, "error": {"type": "PrepareError", "variant": "<nearcore variant>", "message", "detail"}}.
Exit code: 0 the contract prepares, 1 it is rejected, 2 bad usage.`;

export const PARAMS_HELP = `
Without --json: action fees (send sir / send not sir / execution) and host-function costs in
Tgas, wasm op costs, limits. With --json: nearcore's RuntimeConfigView JSON.
Protocol versions: 83-86 (86 is the default), nightly 129 and 155.`;
