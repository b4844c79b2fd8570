#!/usr/bin/env node
/**
 * The `nearts` command. Exit codes: 0 success, 1 the contract failed (or was rejected),
 * 2 bad usage or unreadable input (a one-line message; `--verbose` adds the stack).
 */
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from './usage-error.js';
import { runCommand } from './commands/run-command.js';
import { prepareCommand } from './commands/prepare-command.js';
import { paramsCommand } from './commands/params-command.js';
import { EXECUTOR_NAMES } from './executors.js';
import { scenarioRunCommand } from './scenario/command.js';
import { packageVersion, PARAMS_HELP, PREPARE_HELP, PROGRAM_HELP, RUN_HELP } from './commands/help-text.js';

const collect = (value: string, previous: string[]) => [...previous, value];
const write = (text: string) => process.stdout.write(text);

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('nearts')
    .description('NEAR contracts and runtime in-process, with nearcore\'s exact gas (protocol 86 by default).')
    .version(packageVersion())
    .option('--verbose', 'print stack traces with error messages')
    .exitOverride()
    // One line per usage error, like our own UsageErrors: "nearts: <what> (run with --help for usage)".
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(`nearts: ${s.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`),
    })
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', PROGRAM_HELP);

  program
    .command('run')
    .description('run one method of a contract without a blockchain and print the outcome')
    .requiredOption('--wasm-file <path>', 'the contract (.wasm)')
    .requiredOption('--method-name <name>', 'the exported method to call')
    .option('--args <utf8>', 'call input as UTF-8 text (e.g. JSON)')
    .option('--args-base64 <b64>', 'call input as base64 bytes')
    .option('--args-file <path>', 'call input read from a file')
    .option('--context-file <path>', 'VMContext JSON (nearcore field names; every field optional)')
    .option('--state-file <path>', 'contract storage before the call: {"<base64 key>": "<base64 value>"}')
    .option('--state-out <path>', 'write contract storage after the call in the same format')
    .option('--promise-results <json>', 'a promise result for a callback: "NotReady", "Failed" or {"Successful": "<base64>"}; repeat for several', collect, [])
    .option('--protocol-version <n>', 'protocol version: 83-86, or nightly 129 / 155', '86')
    .addOption(new Option('--chain-id <id>', 'chain whose parameters apply').choices(['mainnet', 'testnet']).default('mainnet'))
    .option('--config-file <path>', 'JSON overrides by nearcore parameter name, e.g. {"max_gas_burnt": "1000"}')
    .option('--view', 'run as a view call (state-changing host functions fail with ProhibitedInView)')
    .addOption(new Option('--executor <name>', 'the executor that runs the wasm').choices(EXECUTOR_NAMES).default('wasm'))
    .option('--sandbox', 'link sandbox_debug_log as a near-sandbox node does; its messages go to stderr')
    .option('--json', 'print one JSON object instead of the report')
    .addHelpText('after', RUN_HELP)
    .action((opts) => setExit(runCommand(opts, write)));

  program
    .command('prepare')
    .description('validate and prepare a contract as nearcore does; exit 1 when it is rejected')
    .requiredOption('--wasm-file <path>', 'the contract (.wasm)')
    .option('--protocol-version <n>', 'protocol version', '86')
    .option('--json', 'print JSON: {"ok": true, ...} or {"ok": false, "error": {...}}')
    .addHelpText('after', PREPARE_HELP)
    .action((opts) => setExit(prepareCommand(opts, write)));

  program
    .command('params')
    .description("print the runtime parameters of a protocol version (nearcore's RuntimeConfigView with --json)")
    .option('--protocol-version <n>', 'protocol version', '86')
    .addOption(new Option('--chain-id <id>', 'chain').choices(['mainnet', 'testnet']).default('mainnet'))
    .option('--json', "print nearcore's RuntimeConfigView JSON")
    .addHelpText('after', PARAMS_HELP)
    .action((opts) => setExit(paramsCommand(opts, write)));

  program
    .command('scenario')
    .description('scenario files (*.scen.json, see docs/scenarios.md)')
    .command('run')
    .description('run scenario files (directories: every *.scen.json below); exit 1 when an expectation fails, 2 when a file cannot run')
    .argument('<paths...>', 'scenario files or directories')
    .option('--json', 'print one JSON report')
    .option('--update-expectations', 'rewrite failed expectations (and fill steps without any) from the actual results')
    .action((paths: string[], opts) => setExit(scenarioRunCommand(paths, opts, write)));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((c) => (exitCode = c));
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; commander already printed its message for the rest.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`nearts: ${e.message}\n`);
      if (verbose) process.stderr.write(`${e.stack}\n`);
      return 2;
    }
    process.stderr.write(`nearts: internal error: ${(e as Error).message ?? e}\n`);
    if (verbose) process.stderr.write(`${(e as Error).stack}\n`);
    else process.stderr.write('(run with --verbose for the stack trace)\n');
    return 70;
  }
}

import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';

function invokedDirectly(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
