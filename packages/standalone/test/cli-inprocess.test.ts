/**
 * More bad input, run in-process through `main` — the function the binary calls with
 * `process.argv` — so every message can be checked without a process per case (cli.test.ts
 * spawns the binary for one case of each kind). Each case: exit code 2, nothing on stdout,
 * exactly one line on stderr naming the flag or field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.js';
import { BUILT, EXAMPLES } from './helpers/cli.js';

const COUNTER = join(BUILT, 'counter.wasm');
const RUN = ['run', '--wasm-file', COUNTER, '--method-name', 'increment'];
const dir = mkdtempSync(join(tmpdir(), 'nearts-inprocess-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

const cases: Array<[string, () => string[], string | RegExp]> = [
  ['invalid --args-base64', () => [...RUN, '--args-base64', 'abc'], 'nearts: --args-base64: expected standard padded base64 (A-Z a-z 0-9 + /, length a multiple of 4), got the string "abc"'],
  ['two input flags', () => [...RUN, '--args', '{}', '--args-base64', 'e30='], 'nearts: --args: give at most one of --args, --args-base64 and --args-file'],
  ['a nonexistent --args-file', () => [...RUN, '--args-file', join(dir, 'nope.json')], `nearts: --args-file: cannot read ${join(dir, 'nope.json')}: no such file`],
  ['a directory as --wasm-file', () => ['run', '--wasm-file', dir, '--method-name', 'x'], `nearts: --wasm-file: cannot read ${dir}: is a directory`],
  ['a nonexistent --context-file', () => [...RUN, '--context-file', join(dir, 'nope.json')], `nearts: --context-file: cannot read ${join(dir, 'nope.json')}: no such file`],
  ['a nonexistent --state-file', () => [...RUN, '--state-file', join(dir, 'nope.json')], `nearts: --state-file: cannot read ${join(dir, 'nope.json')}: no such file`],
  ['a context file that is an array', () => [...RUN, '--context-file', file('array.json', '[]')], 'nearts: context: expected a JSON object, got an array'],
  ['a u128 that does not fit', () => [...RUN, '--context-file', file('big.json', '{"account_balance": "340282366920938463463374607431768211456"}')], 'nearts: context.account_balance: value 340282366920938463463374607431768211456 does not fit in u128'],
  ['an unsafe JSON number', () => [...RUN, '--context-file', file('unsafe.json', '{"prepaid_gas": 300000000000000000}')], /^nearts: context\.prepaid_gas: expected a u64 as a decimal string \(or a number up to 2\^53\), got number 300000000000000000$/],
  ['an invalid account id', () => [...RUN, '--context-file', file('account.json', '{"current_account_id": "Alice"}')], /^nearts: context\.current_account_id: invalid account id "Alice" \(.+\)$/],
  ['invalid base64 in a context byte field', () => [...RUN, '--context-file', file('seed.json', '{"random_seed": "%%"}')], 'nearts: context.random_seed: expected standard padded base64 (A-Z a-z 0-9 + /, length a multiple of 4), got the string "%%"'],
  ['an unknown view_config field', () => [...RUN, '--context-file', file('view.json', '{"view_config": {"max_gas": "1"}}')], 'nearts: context.view_config.max_gas: unknown field; expected one of max_gas_burnt'],
  ['block_height and block_index together', () => [...RUN, '--context-file', file('both.json', '{"block_height": 1, "block_index": 2}')], 'nearts: context.block_index: give block_height or its old name block_index, not both'],
  ['a state file that is not JSON', () => [...RUN, '--state-file', file('state.txt', 'c=1')], /^nearts: --state-file .*state\.txt: not valid JSON \(.+\)$/],
  ['a state value that is not a string', () => [...RUN, '--state-file', file('num.json', '{"Yw==": 1}')], /^nearts: --state-file .*num\.json\["Yw=="\]: expected a string, got number 1$/],
  ['a state key that is not base64', () => [...RUN, '--state-file', file('key.json', '{"c": "AQ=="}')], /^nearts: --state-file .*key\.json\["c"\] \(key\): expected standard padded base64/],
  ['a promise result that is not JSON', () => [...RUN, '--promise-results', '{"Successful"'], /^nearts: --promise-results\[0\]: not valid JSON \(.+\)$/],
  ['a promise result of the wrong shape', () => [...RUN, '--promise-results', '"Done"', '--promise-results', '{"Successful": 1}'], 'nearts: --promise-results[0]: expected "NotReady", "Failed" or {"Successful": "<base64>"}, got the string "Done"'],
  ['a Successful promise result that is not base64', () => [...RUN, '--promise-results', '{"Successful": "42"}'], 'nearts: --promise-results[0].Successful: expected standard padded base64 (A-Z a-z 0-9 + /, length a multiple of 4), got the string "42"'],
  ['an unknown runtime parameter', () => [...RUN, '--config-file', file('param.json', '{"max_gas_burn": "1"}')], 'nearts: --config-file: unknown runtime parameter `max_gas_burn`'],
  ['a parameter value of the wrong type', () => [...RUN, '--config-file', file('value.json', '{"max_gas_burnt": "lots"}')], 'nearts: --config-file: invalid value for runtime parameter `max_gas_burnt`: expected an integer of type u64, found string lots'],
  ['a parameter value that is an array', () => [...RUN, '--config-file', file('arr.json', '{"max_gas_burnt": [1]}')], /^nearts: --config-file .*arr\.json: max_gas_burnt: expected a number, string or boolean parameter value$/],
  ['a config file that is not JSON', () => [...RUN, '--config-file', file('cfg.txt', 'max_gas_burnt=1')], /^nearts: --config-file .*cfg\.txt: not valid JSON \(.+\)$/],
  ['a --state-out in a missing directory', () => [...RUN, '--state-out', join(dir, 'no/such/dir/state.json')], `nearts: --state-out: cannot write ${join(dir, 'no/such/dir/state.json')}: no such directory`],
  ['a protocol version that is not a number', () => [...RUN, '--protocol-version', 'latest'], 'nearts: --protocol-version: expected a protocol version number, got "latest"'],
  ['a protocol version above the newest', () => [...RUN, '--protocol-version', '156'], /^nearts: --protocol-version: unsupported protocol version 156: /],
  ['an unknown chain id', () => [...RUN, '--chain-id', 'betanet'], "nearts: option '--chain-id <id>' argument 'betanet' is invalid. Allowed choices are mainnet, testnet. (run with --help for usage)"],
  ['an unknown flag', () => [...RUN, '--arg', '{}'], /^nearts: unknown option '--arg'.*\(run with --help for usage\)$/],
  ['an unknown command', () => ['execute'], "nearts: unknown command 'execute' (run with --help for usage)"],
  ['prepare without a file', () => ['prepare', '--wasm-file', join(dir, 'nope.wasm')], `nearts: --wasm-file: cannot read ${join(dir, 'nope.wasm')}: no such file`],
  ['params at an unknown version', () => ['params', '--protocol-version', '82'], /^nearts: --protocol-version: unsupported protocol version 82: /],
];

describe('bad input: exit 2 and one line on stderr', () => {
  it.each(cases)('%s', async (_name, argv, message) => {
    const r = await capture(argv());
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(r.stderr.endsWith('\n')).toBe(true);
    const lines = r.stderr.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1);
    if (typeof message === 'string') expect(lines[0]).toBe(message);
    else expect(lines[0]).toMatch(message);
  });
});

describe('contract-level failures are exit 1, not usage errors', () => {
  it('an empty method name is MethodEmptyName (nearcore checks it before loading)', async () => {
    const r = await capture(['run', '--wasm-file', COUNTER, '--method-name', '']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '✗ (empty method name) failed: MethodEmptyName',
      "  give a method name with --method-name; the contract's methods: increment, decrement, reset, get_num",
    ]);
  });

  it('code that is not wasm is a CompilationError of the call', async () => {
    const r = await capture(['run', '--wasm-file', join(EXAMPLES, 'counter-state.json'), '--method-name', 'x', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toEqual({
      type: 'CompilationError',
      message: 'PrepareError: Error happened while deserializing the module.',
      json: { CompilationError: { PrepareError: 'Deserialization' } },
    });
  });

  it('a failed call leaves the --state-out file equal to the state before it', async () => {
    const out = join(dir, 'unchanged.json');
    const r = await capture([...RUN, '--view', '--state-file', join(EXAMPLES, 'counter-state.json'), '--state-out', out]);
    expect(r.code).toBe(1);
    expect((await import('node:fs')).readFileSync(out, 'utf8')).toBe('{\n  "Yw==": "KgAAAAAAAAA="\n}\n');
  });
});

describe('help', () => {
  it('nearts without a command prints the usage and exits 2', async () => {
    const r = await capture([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Usage: nearts \[options\] \[command\]/);
  });

  it.each([
    ['prepare', ['--wasm-file <path>', '--protocol-version <n>', '--json', '"variant"', 'Exit code: 0 the contract prepares, 1 it is rejected, 2 bad usage']],
    ['params', ['--protocol-version <n>', '--chain-id <id>', '--json', 'RuntimeConfigView', 'nightly 129 and 155']],
  ])('%s --help documents its flags', async (command, texts) => {
    const r = await capture([command, '--help']);
    expect(r.code).toBe(0);
    for (const t of texts) expect(r.stdout).toContain(t);
  });
});
