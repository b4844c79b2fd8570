/**
 * @nearts/standalone: the `nearts` command and its library — run a contract method without a
 * blockchain, prepare contracts, print protocol parameters, run scenario files, and an in-process
 * sandbox for tests.
 */
export const PACKAGE_NAME = '@nearts/standalone';
export { runMethod, type RunMethodInput, type RunMethodResult } from './run-method.js';
export { parseContextJson, storageUsageOfState, DEFAULT_CONTEXT, DEFAULT_SIGNER_PK } from './input/context-file.js';
export { parseStateJson, stateToJson } from './input/state-file.js';
export { parsePromiseResult } from './input/promise-results.js';
export { runResultJson, errorJson } from './output/run-json.js';
export { formatReport, describeValue } from './output/report.js';
export { receiptsView, type ReceiptView } from './output/receipts-view.js';
export { UsageError } from './usage-error.js';
export { main as runCli } from './cli.js';
export * from './sandbox/index.js';
export * from './scenario/index.js';
