/**
 * The `nearts` binary end to end: every flag of `run`, `prepare` and `params`, the JSON and the
 * readable output, exit codes and the one-line errors. Gas is never hard-coded: expected
 * outcomes come from an independent in-process `runContract` call with a context built here, or
 * from the protocol's parameters (e.g. the contract-loading fee is base + bytes × code length).
 * More variants of bad input run in-process through `main` in cli-inprocess.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeConfig, runtimeConfigViewJson } from '@nearts/runtime-fees';
import type { PromiseResult } from '@nearts/vm-logic';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, assertFixtures, BUILT, EXAMPLES, nearts, NPM, type CliResult } from './helpers/cli.js';
import { b64, cliProfileMap, expectedOutcome, inProcess, loadingFee, profileMap, tgasLine } from './helpers/expected.js';
import { bulkMemoryContract, chainIdContract, sandboxDebugLogContract } from './helpers/wasm.js';

const COUNTER = join(BUILT, 'counter.wasm');
const CROSS = join(BUILT, 'cross-contract.wasm');
const ECHO = join(BUILT, 'echo.wasm');
const FT = join(NPM, 'fungible_token.wasm');
const dir = mkdtempSync(join(tmpdir(), 'nearts-cli-test-'));
const BULK = join(dir, 'bulk-memory.wasm');
const CHAIN = join(dir, 'chain-id.wasm');
const DEBUG_LOG = join(dir, 'sandbox-debug-log.wasm');

beforeAll(() => {
  assertBuilt();
  assertFixtures(COUNTER, CROSS, ECHO, FT);
  writeFileSync(BULK, bulkMemoryContract());
  writeFileSync(CHAIN, chainIdContract());
  writeFileSync(DEBUG_LOG, sandboxDebugLogContract());
});

/** Each test spawns node; on a loaded machine a spawn can take seconds. */
const SPAWNS = { timeout: 60_000 };

function json(r: CliResult): any {
  return JSON.parse(r.stdout);
}

// ── run: outputs ────────────────────────────────────────────────────────────────────────────

describe.concurrent('nearts run', SPAWNS, () => {
  it('--json: the counter outcome equals an in-process runContract call, with the exact state', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', COUNTER, '--method-name', 'increment', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const code = new Uint8Array(readFileSync(COUNTER));
    const { outcome } = inProcess(code, 'increment');
    const out = json(r);
    expect(Object.keys(out)).toEqual(['outcome', 'error', 'receipts', 'state']);
    expect(Object.keys(out.outcome)).toEqual([
      'balance', 'storage_usage', 'return_data', 'burnt_gas', 'used_gas', 'compute_usage', 'logs', 'profile', 'aborted',
    ]);
    expect(out.outcome).toMatchObject({ ...expectedOutcome(outcome), return_data: null, aborted: null });
    // Derivable by hand: 100 default + key "c" (1) + u64 value (8) + 40 bytes per record.
    expect(out.outcome.storage_usage).toBe('149');
    expect(out.outcome.logs).toEqual(['counter is now 1']);
    expect(out.error).toBeNull();
    expect(out.receipts).toEqual([]);
    expect(out.state).toEqual({ [b64('c')]: b64(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0])) });
    expect(cliProfileMap(out.outcome.profile)).toEqual(profileMap(outcome));
    const config = runtimeConfig(86);
    expect(out.outcome.profile.find((p: { cost: string }) => p.cost === 'CONTRACT_LOADING_BYTES').gas_used).toBe(
      (config.wasmConfig.extCosts.contract_loading_bytes.gas * BigInt(code.length)).toString(),
    );
    const sum = out.outcome.profile.reduce((a: bigint, p: { gas_used: string }) => a + BigInt(p.gas_used), 0n);
    expect(sum.toString()).toBe(out.outcome.burnt_gas);
  });

  it('report: logs, gas in Tgas, the profile sorted by cost; --executor wasm', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', COUNTER, '--method-name', 'increment', '--executor', 'wasm']);
    expect(r.code).toBe(0);
    const { outcome } = inProcess(new Uint8Array(readFileSync(COUNTER)), 'increment');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 8)).toEqual([
      '✓ increment succeeded',
      '  return value: (none)',
      '  logs:',
      '    counter is now 1',
      `  gas burnt: ${tgasLine(outcome.burntGas)}`,
      `  gas used:  ${tgasLine(outcome.usedGas)}`,
      '  balance: 10000000000000000000000000 yocto, storage usage: 149 bytes',
      '  gas profile:',
    ]);
    const rows = lines.slice(8).map((l) => l.trim().split(/\s+/));
    const expected = profileMap(outcome);
    expect(rows.map((r) => r[0]).sort()).toEqual(Object.keys(expected).map((k) => k.toLowerCase()).sort());
    const gasOrder = rows.map((r) => BigInt(expected[r[0]!.toUpperCase()]!));
    expect(gasOrder).toEqual([...gasOrder].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  });

  it('a method the contract does not export: MethodNotFound, exit 1, the report lists its methods', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', COUNTER, '--method-name', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      '✗ nope failed: MethodNotFound\n' +
        '  the contract exports no method "nope"; its methods: increment, decrement, reset, get_num\n' +
        "  nothing ran and no gas was charged (nearcore's nop outcome: every field of the outcome is zero)\n",
    );
  });

  it('--protocol-version 83: MethodNotFound is the nop outcome, every field zero', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', COUNTER, '--method-name', 'nope', '--json', '--protocol-version', '83']);
    expect(r.code).toBe(1);
    expect(json(r)).toEqual({
      outcome: {
        balance: '0', storage_usage: '0', return_data: null, burnt_gas: '0', used_gas: '0', compute_usage: '0',
        logs: [], profile: [], aborted: { MethodResolveError: 'MethodNotFound' },
      },
      error: { type: 'MethodResolveError', message: 'MethodNotFound', json: { MethodResolveError: 'MethodNotFound' } },
      receipts: [],
      state: {},
    });
    expect(r.stderr).toBe('nearts: the contract exports no method "nope"; its methods: increment, decrement, reset, get_num\n');
  });

  it('--protocol-version 155 (fix_contract_loading_cost): MethodNotFound keeps the loading fee', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', COUNTER, '--method-name', 'nope', '--json', '--protocol-version', '155']);
    expect(r.code).toBe(1);
    const fee = loadingFee(runtimeConfig(155), new Uint8Array(readFileSync(COUNTER)));
    const out = json(r);
    expect(out.outcome).toMatchObject({ balance: '10000000000000000000000000', storage_usage: '100', burnt_gas: fee.toString(), used_gas: fee.toString() });
    expect(out.outcome.profile.map((p: { cost: string }) => p.cost)).toEqual(['CONTRACT_LOADING_BASE', 'CONTRACT_LOADING_BYTES']);
    expect(out.error.message).toBe('MethodNotFound');
  });

  it('--protocol-version 83 rejects bulk-memory instructions (reftypes_bulk_memory from 84)', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', BULK, '--method-name', 'fill', '--json', '--protocol-version', '83']);
    expect(r.code).toBe(1);
    const out = json(r);
    expect(out.error).toEqual({
      type: 'CompilationError',
      message: 'PrepareError: Error happened while deserializing the module.',
      json: { CompilationError: { PrepareError: 'Deserialization' } },
    });
    expect(out.outcome).toMatchObject({ burnt_gas: '0', balance: '10000000000000000000000000' });
  });

  it('--protocol-version 155 runs the bulk-memory contract', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', BULK, '--method-name', 'fill', '--json', '--protocol-version', '155']);
    expect(r.code).toBe(0);
    const { outcome } = inProcess(bulkMemoryContract(), 'fill', {}, { version: 155 });
    expect(outcome.aborted).toBeNull();
    expect(json(r).outcome).toMatchObject(expectedOutcome(outcome));
  });

  it('--chain-id testnet is what env::chain_id returns', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', CHAIN, '--method-name', 'chain', '--chain-id', 'testnet', '--json']);
    expect(r.code).toBe(0);
    expect(json(r).outcome.return_data).toEqual({ Value: b64('testnet') });
  });

  it('the default chain id is mainnet; return values print as text', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', CHAIN, '--method-name', 'chain']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['✓ chain succeeded', '  return value: "mainnet"']);
  });

  it('--promise-results {"Successful": …} feeds the callback; --state-out writes the new storage', async ({ expect }) => {
    const out = join(dir, 'on-value-state.json');
    const r = await nearts([
      'run', '--wasm-file', CROSS, '--method-name', 'on_value', '--promise-results', '{"Successful": "NDI="}', '--json', '--state-out', out,
    ]);
    expect(r.code).toBe(0);
    const result: PromiseResult = { kind: 'Successful', data: Buffer.from('42') };
    const { outcome } = inProcess(new Uint8Array(readFileSync(CROSS)), 'on_value', { promiseResults: [result] });
    const o = json(r);
    expect(o.outcome).toMatchObject({ ...expectedOutcome(outcome), return_data: { Value: b64('42') } });
    expect(o.outcome.logs).toEqual(['callee returned 42']);
    expect(o.state).toEqual({ [b64('last')]: b64('ok:42') });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(o.state);
  });

  it('--promise-results "Failed": the callback sees a failure', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', CROSS, '--method-name', 'on_value', '--promise-results', '"Failed"']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual(['✓ on_value succeeded', '  return value: (none)', '  logs:', '    callee failed']);
  });

  it('--promise-results repeats (the bare word NotReady works too); a panic exits 1', async ({ expect }) => {
    const r = await nearts([
      'run', '--wasm-file', CROSS, '--method-name', 'on_value', '--promise-results', 'NotReady', '--promise-results', '{"Successful": ""}', '--json',
    ]);
    expect(r.code).toBe(1);
    expect(json(r).error).toEqual({
      type: 'HostError',
      message: 'Smart contract panicked: on_value is a callback',
      json: { ExecutionError: 'Smart contract panicked: on_value is a callback' },
    });
  });

  it('--args: receipts the call created, numbered from 0, with gas, deposits and dependencies', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', CROSS, '--method-name', 'relay', '--args', 'bob.near:get:{}', '--json']);
    expect(r.code).toBe(0);
    const { outcome } = inProcess(new Uint8Array(readFileSync(CROSS)), 'relay', { input: Buffer.from('bob.near:get:{}') });
    const o = json(r);
    expect(o.outcome).toMatchObject(expectedOutcome(outcome));
    expect(BigInt(o.outcome.used_gas)).toBeGreaterThan(BigInt(o.outcome.burnt_gas) + 30n * 10n ** 12n); // 20 + 10 Tgas attached
    expect(o.receipts).toEqual([
      {
        receipt_index: 0, receiver_id: 'bob.near', depends_on: [],
        actions: [{ FunctionCall: { method_name: 'get', args: b64('{}'), gas: '20000000000000', deposit: '0', gas_weight: '0' } }],
      },
      {
        receipt_index: 1, receiver_id: 'alice', depends_on: [0],
        actions: [{ FunctionCall: { method_name: 'on_value', args: '', gas: '10000000000000', deposit: '0', gas_weight: '0' } }],
      },
    ]);
  });

  it('--config-file {"max_gas_burnt": 10 Ggas}: GasLimitExceeded, burnt exactly the limit', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', COUNTER, '--method-name', 'increment', '--config-file', join(EXAMPLES, 'max-gas-burnt.json'), '--json']);
    expect(r.code).toBe(1);
    const o = json(r);
    expect(o.outcome.burnt_gas).toBe('10000000000');
    expect(o.error).toEqual({
      type: 'HostError',
      message: 'Exceeded the maximum amount of gas allowed to burn per contract.',
      json: { ExecutionError: 'Exceeded the maximum amount of gas allowed to burn per contract.' },
    });
  });

  it('--config-file {"max_gas_burnt": "1000"}: the loading fee alone exceeds it, which nearcore reports as GasExceeded', async ({ expect }) => {
    const file = join(dir, 'tiny-gas.json');
    writeFileSync(file, '{"max_gas_burnt": "1000"}');
    const r = await nearts(['run', '--wasm-file', COUNTER, '--method-name', 'increment', '--config-file', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      '✗ increment failed: Exceeded the prepaid gas.',
      '  return value: (none)',
      `  gas burnt: ${tgasLine(1000n)}`,
    ]);
  });

  it('--view: a state-changing host function fails with ProhibitedInView', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', COUNTER, '--method-name', 'increment', '--view', '--json']);
    expect(r.code).toBe(1);
    const o = json(r);
    expect(o.error).toEqual({
      type: 'HostError',
      message: 'storage_write is not allowed in view calls',
      json: { ExecutionError: 'storage_write is not allowed in view calls' },
    });
    expect(o.state).toEqual({});
  });

  it('--sandbox: sandbox_debug_log links and prints on stderr; without it the import does not link', async ({ expect }) => {
    const run = ['run', '--wasm-file', DEBUG_LOG, '--method-name', 'log_input', '--args', 'hello from wasm', '--json'];
    const env = { NEARTS_DEBUG: '', DEBUG: '' };
    const sandboxed = await nearts([...run, '--sandbox'], { env });
    expect(sandboxed.code).toBe(0);
    expect(sandboxed.stderr).toBe('nearts:vm-logic:sandbox hello from wasm\n');
    expect(json(sandboxed).outcome.logs).toEqual([]); // a debug message, not a contract log

    const mainnet = await nearts(run, { env });
    expect(mainnet.code).toBe(1);
    expect(mainnet.stderr).toBe('');
    expect(json(mainnet).error).toMatchObject({ type: 'LinkError', message: 'unknown or invalid import' });
  });

  it('--args-base64: binary return values print as hex', async ({ expect }) => {
    const r = await nearts(['run', '--wasm-file', ECHO, '--method-name', 'echo', '--args-base64', '/wCA']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe('  return value: 0xff0080 (3 bytes, binary)');
  });

  it('--args-file: the file bytes are the input', async ({ expect }) => {
    const file = join(dir, 'args.json');
    writeFileSync(file, '{"owner_id": "bob.near"}\n');
    const r = await nearts(['run', '--wasm-file', ECHO, '--method-name', 'echo', '--args-file', file, '--json']);
    expect(r.code).toBe(0);
    expect(json(r).outcome.return_data).toEqual({ Value: b64('{"owner_id": "bob.near"}\n') });
  });

  it('--context-file with every field, --state-file: balance, storage and gas as in-process', async ({ expect }) => {
    const r = await nearts([
      'run', '--wasm-file', COUNTER, '--method-name', 'increment',
      '--context-file', join(EXAMPLES, 'context-full.json'), '--state-file', join(EXAMPLES, 'counter-state.json'), '--json',
    ]);
    expect(r.code).toBe(0);
    const { outcome } = inProcess(
      new Uint8Array(readFileSync(COUNTER)),
      'increment',
      {
        currentAccountId: 'counter.testnet',
        signerAccountId: 'alice.testnet',
        signerAccountPk: new Uint8Array([0, ...Array.from({ length: 32 }, (_, i) => i + 1)]),
        predecessorAccountId: 'app.alice.testnet',
        refundToAccountId: 'alice.testnet',
        blockHeight: 1_234_567n,
        blockTimestamp: 1_700_000_000_000_000_000n,
        epochHeight: 42n,
        accountBalance: 5n * 10n ** 24n,
        storageUsage: 500n,
        attachedDeposit: 10n ** 24n,
        prepaidGas: 30n * 10n ** 12n,
        randomSeed: new Uint8Array(32).fill(1),
      },
      { state: [['c', new Uint8Array([42, 0, 0, 0, 0, 0, 0, 0])]] },
    );
    const o = json(r);
    expect(o.outcome).toMatchObject(expectedOutcome(outcome));
    expect(o.outcome.balance).toBe('6000000000000000000000000'); // 5 NEAR + 1 NEAR attached
    expect(o.outcome.logs).toEqual(['counter is now 43']);
    expect(o.state).toEqual({ [b64('c')]: b64(new Uint8Array([43, 0, 0, 0, 0, 0, 0, 0])) });
  });
});

// ── run: bad input (exit 2, one line on stderr) ─────────────────────────────────────────────

async function usageError(args: string[]): Promise<string> {
  const r = await nearts(args);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  return r.stderr;
}

const RUN = ['run', '--wasm-file', COUNTER, '--method-name', 'increment'];

function fileWith(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe.concurrent('nearts run: bad input', SPAWNS, () => {
  it('a nonexistent --wasm-file', async () => {
    expect(await usageError(['run', '--wasm-file', join(dir, 'missing.wasm'), '--method-name', 'x'])).toBe(
      `nearts: --wasm-file: cannot read ${join(dir, 'missing.wasm')}: no such file\n`,
    );
  });

  it('an unreadable JSON context file', async () => {
    const f = fileWith('bad.json', '{"block_height": 1,}');
    expect(await usageError([...RUN, '--context-file', f])).toMatch(
      new RegExp(`^nearts: --context-file ${f}: not valid JSON \\(.+\\)\\n$`),
    );
  });

  it('a context field of the wrong type', async () => {
    const f = fileWith('float.json', '{"block_height": 1.5}');
    expect(await usageError([...RUN, '--context-file', f])).toBe(
      'nearts: context.block_height: expected a u64 as a decimal string (or a number up to 2^53), got number 1.5\n',
    );
  });

  it('an unknown context field', async () => {
    const f = fileWith('typo.json', '{"predecesor_account_id": "x.near"}');
    expect(await usageError([...RUN, '--context-file', f])).toMatch(
      /^nearts: context\.predecesor_account_id: unknown field; expected one of current_account_id, .*output_data_receivers\n$/,
    );
  });

  it('invalid base64 in the state file', async () => {
    const f = fileWith('state.json', '{"Yw==": "not base64!"}');
    expect(await usageError([...RUN, '--state-file', f])).toBe(
      `nearts: --state-file ${f}["Yw=="]: expected standard padded base64 (A-Z a-z 0-9 + /, length a multiple of 4), got the string "not base64!"\n`,
    );
  });

  it('an unknown protocol version; --verbose adds the stack trace', async () => {
    const r = await nearts([...RUN, '--protocol-version', '82', '--verbose']);
    expect(r.code).toBe(2);
    const [first, ...rest] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^nearts: --protocol-version: unsupported protocol version 82: supported versions are .*83.*155/);
    expect(rest[0]).toMatch(/^UsageError: /);
    expect(rest.some((l) => /^\s+at /.test(l))).toBe(true);
  });

  it('--executor nope', async () => {
    expect(await usageError([...RUN, '--executor', 'nope'])).toBe(
      "nearts: option '--executor <name>' argument 'nope' is invalid. Allowed choices are wasm. (run with --help for usage)\n",
    );
  });

  it('a missing required flag', async () => {
    expect(await usageError(['run', '--wasm-file', COUNTER])).toBe(
      "nearts: required option '--method-name <name>' not specified (run with --help for usage)\n",
    );
  });
});

// ── prepare, params, help ───────────────────────────────────────────────────────────────────

describe.concurrent('nearts prepare / params / --help', SPAWNS, () => {
  it('prepare --json at 83 rejects bulk memory with the nearcore variant, exit 1', async ({ expect }) => {
    const r = await nearts(['prepare', '--wasm-file', BULK, '--protocol-version', '83', '--json']);
    expect(r.code).toBe(1);
    expect(json(r)).toEqual({
      ok: false,
      error: {
        type: 'PrepareError',
        variant: 'Deserialization',
        message: 'Error happened while deserializing the module.',
        detail: expect.stringContaining('bulk memory'),
      },
    });
  });

  it('prepare (readable) accepts the counter at 86 and lists its methods', async ({ expect }) => {
    const r = await nearts(['prepare', '--wasm-file', COUNTER]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`✓ ${COUNTER} prepares at protocol 86`);
    expect(lines).toContain('  methods: increment, decrement, reset, get_num');
  });

  it("params --json is nearcore's RuntimeConfigView of the version", async ({ expect }) => {
    const r = await nearts(['params', '--protocol-version', '86', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(runtimeConfigViewJson(runtimeConfig(86)) + '\n');
    expect(json(r).wasm_config.reftypes_bulk_memory).toBe(true);
  });

  it('params --chain-id testnet: a table of fees in Tgas', async ({ expect }) => {
    const r = await nearts(['params', '--protocol-version', '83', '--chain-id', 'testnet']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Runtime parameters at protocol 83 (testnet)');
    // 83 still has the old account-creation fee (3.85 Tgas; 0.5 / 7.2 from 85 on).
    expect(lines.find((l) => l.trimStart().startsWith('create_account '))!.trim().split(/\s+/)).toEqual([
      'create_account', '3.850000', 'Tgas', '3.850000', 'Tgas', '3.850000', 'Tgas',
    ]);
  });

  it('--help documents the commands and exit codes; --version', async ({ expect }) => {
    const [help, version] = await Promise.all([nearts(['--help']), nearts(['--version'])]);
    expect(help.code).toBe(0);
    for (const text of ['run [options]', 'prepare [options]', 'params [options]', 'Exit codes: 0 success, 1 the contract failed'])
      expect(help.stdout).toContain(text);
    expect(version).toEqual({ code: 0, stdout: '0.0.0\n', stderr: '' });
  });

  it('run --help documents every flag, the context defaults and the JSON format', async ({ expect }) => {
    const r = await nearts(['run', '--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '--wasm-file <path>', '--method-name <name>', '--args <utf8>', '--args-base64 <b64>', '--args-file <path>',
      '--context-file <path>', '--state-file <path>', '--state-out <path>', '--promise-results <json>',
      '--protocol-version <n>', '--chain-id <id>', '--config-file <path>', '--view', '--executor <name>', '--sandbox', '--json', '--verbose',
    ])
      expect(r.stdout).toContain(flag);
    for (const text of ['current_account_id "alice"', 'prepaid_gas 300 Tgas', '"return_data"', '{"Successful": "<base64>"}', 'Exit code: 0'])
      expect(r.stdout).toContain(text);
  });
});
