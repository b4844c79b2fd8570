/** Runs a scenario on a fresh sandbox, step by step, checking each step's expectations. */
import { hashToBase58, type JsonValue } from '@nearts/primitives';
import { Sandbox } from '../sandbox/sandbox.js';
import { SandboxError } from '../sandbox/errors.js';
import { actualTx, actualView, renderOutcome, renderTx } from './actual.js';
import { checkAccounts, checkBlock, checkOutcome, checkTx, type CheckResult } from './check.js';
import { ScenarioError } from './errors.js';
import type { Scenario, Step, StepKind } from './model.js';
import type { Node } from './node.js';

export interface StepReport {
  index: number;
  step: StepKind;
  id?: string;
  comment?: string;
  /** One line saying what the step did. */
  title: string;
  ok: boolean;
  checks: CheckResult[];
  /** What the step produced (transactions and views), in expectation notation. */
  actual?: JsonValue;
  /** The expectation --update-expectations adds to a step that has none. */
  proposed?: { keys: ReadonlyArray<string | number>; value: JsonValue };
  /** Head block height after the step. */
  height: bigint;
}

export interface ScenarioReport {
  file: string;
  name?: string;
  ok: boolean;
  steps: StepReport[];
  /** Set when the scenario could not be run as written (then `ok` is false). */
  error?: ScenarioError;
}

/** The sandbox a scenario starts from (its genesis); deterministic, so its head hash can be signed against. */
export function sandboxForScenario(s: Scenario): Sandbox {
  const g = s.genesis;
  try {
    return Sandbox.create({
      root: false,
      protocolVersion: g.protocolVersion,
      chainId: g.chainId,
      genesisTimestamp: g.timestamp,
      genesisHeight: g.height,
      gasPrice: g.gasPrice === undefined ? undefined : { initial: g.gasPrice, adjust: false },
      accounts: g.accounts.map((a) => ({ accountId: a.accountId, balance: a.balance, locked: a.locked, keys: a.keys, code: a.code, data: a.storage })),
    });
  } catch (e) {
    if (e instanceof SandboxError) throw new ScenarioError(s.file, '$.genesis', e.message);
    throw e;
  }
}

/** Turns the sandbox's complaints about unknown accounts/keys into errors that point into the file. */
function pointing<T>(node: Node, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SandboxError) return node.fail(e.message);
    throw e;
  }
}

function title(step: Step): string {
  switch (step.kind) {
    case 'transaction':
      return `transaction ${step.from.m} → ${step.to} [${step.actions.map((a) => a.type).join(', ')}]`;
    case 'call':
      return `call ${step.from.m} → ${step.to}.${step.actions[0].type === 'FunctionCall' ? step.actions[0].methodName : ''}`;
    case 'rawTransaction':
      return `raw transaction (${step.bytes.length} bytes)`;
    case 'view':
      return `view ${step.contract}.${step.method}`;
    case 'patchState':
      return `patch state of ${Object.keys(step.accounts).join(', ')}`;
    case 'advanceBlocks':
      return `advance ${step.blocks} block(s)`;
    case 'setTimestamp':
      return `set block timestamp to ${step.timestamp} ns`;
    case 'checkState':
      return `check state${step.accounts.length ? ` of ${step.accounts.map((a) => a.accountId).join(', ')}` : ''}`;
  }
}

function runStep(sandbox: Sandbox, step: Step): Omit<StepReport, 'index' | 'step' | 'id' | 'comment' | 'title' | 'ok' | 'height'> {
  const expectKeys = [...step.node.keys, 'expect'];
  switch (step.kind) {
    case 'transaction':
    case 'call': {
      const signed = pointing(step.key?.node ?? step.from.node, () =>
        sandbox.signTransaction(step.from.m, step.to, step.actions, { publicKey: step.key?.m, nonce: step.nonce }),
      );
      const result = sandbox.sendTransaction(signed);
      if (result.succeeded) for (const kp of step.addedKeys) sandbox.keys.add(step.to, kp);
      const a = actualTx(result);
      const checks = step.expect ? checkTx(step.expect, a, sandbox) : [];
      return { checks, actual: { hash: a.hash, ...renderTx(a) }, proposed: step.expect ? undefined : { keys: expectKeys, value: renderOutcome(a, false) } };
    }
    case 'rawTransaction': {
      const result = pointing(step.node.at('bytes'), () => sandbox.sendTransaction(step.bytes));
      const a = actualTx(result);
      const actual: Record<string, JsonValue> = { hash: a.hash, ...renderTx(a) };
      if (a.failure?.kind === 'InvalidTxError.Expired') {
        actual.note = `the transaction's block_hash must be a recent block of this scenario's chain; the head is block ${sandbox.head.height} ${hashToBase58(sandbox.head.hash)}`;
      }
      const checks = step.expect ? checkTx(step.expect, a, sandbox) : [];
      return { checks, actual, proposed: step.expect ? undefined : { keys: expectKeys, value: renderOutcome(a, false) } };
    }
    case 'view': {
      const a = actualView(sandbox, step.contract, step.method, step.args);
      const checks = step.expect ? checkOutcome(step.expect, a) : [];
      const rendered = renderOutcome(a, false);
      return { checks, actual: rendered, proposed: step.expect ? undefined : { keys: expectKeys, value: rendered } };
    }
    case 'patchState':
      pointing(step.node.at('accounts'), () => sandbox.patchState(step.accounts));
      return { checks: [] };
    case 'advanceBlocks':
      sandbox.fastForward(step.blocks);
      return { checks: [] };
    case 'setTimestamp':
      pointing(step.node.at('timestamp'), () => sandbox.setTimestamp(step.timestamp));
      return { checks: [] };
    case 'checkState':
      return { checks: [...checkBlock(step.height, step.timestamp, sandbox), ...checkAccounts(step.accounts, sandbox)] };
  }
}

/** Runs every step; a step that cannot run as written ends the scenario with `error`. */
export function runScenario(s: Scenario): ScenarioReport {
  const steps: StepReport[] = [];
  let sandbox: Sandbox;
  try {
    sandbox = sandboxForScenario(s);
    for (const step of s.steps) {
      const r = runStep(sandbox, step);
      steps.push({
        index: step.index,
        step: step.kind,
        id: step.id,
        comment: step.comment,
        title: title(step),
        ok: r.checks.every((c) => c.ok),
        height: sandbox.height,
        ...r,
      });
    }
  } catch (e) {
    if (e instanceof ScenarioError) return { file: s.file, name: s.name, ok: false, steps, error: e };
    throw e;
  }
  return { file: s.file, name: s.name, ok: steps.every((st) => st.ok), steps };
}
